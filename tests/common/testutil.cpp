#include "testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

namespace netcase::test {

QTemporaryDir &tempDir()
{
    static QTemporaryDir dir;
    return dir;
}

QString tempPath(const QString &name)
{
    return tempDir().filePath(name);
}

bool generate(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(NETCASE_BINARY_DIR "/bin/") + program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
        return false;
    }
    return true;
}

QString makeAccessLog(const QString &name, int lines, int ips, int badEvery)
{
    const QString path = tempPath(name);
    QStringList args = {QStringLiteral("--lines"), QString::number(lines),  QStringLiteral("--ips"),
                        QString::number(ips),      QStringLiteral("--out"), path};
    if (badEvery > 0)
        args << QStringLiteral("--bad-every") << QString::number(badEvery);
    return generate(QStringLiteral("gen_accesslog"), args) ? path : QString();
}

Run netcase(const QStringList &args, int timeoutMs)
{
    return netcase(args, QProcessEnvironment::systemEnvironment(), timeoutMs);
}

Run netcase(const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    Run r;
    QProcess p;
    p.setProcessEnvironment(env);
    QString bin = qEnvironmentVariable("NETCASE_BIN");
    if (bin.isEmpty())
        bin = QStringLiteral(NETCASE_BINARY_DIR "/bin/netcase");
    p.start(bin, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString sharedSample(const QString &rel)
{
    const QString path = QStringLiteral(NETCASE_SHARED_DIR "/samples/") + rel;
    return QFileInfo::exists(path) ? QFileInfo(path).absoluteFilePath() : QString();
}

} // namespace netcase::test
