#include "enrichfixtures.h"

#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace netcase::test {

QString enrichFixtureDir()
{
    static QString dir;
    if (!dir.isEmpty())
        return dir;
    const QString out = tempPath(QStringLiteral("mmdb"));
    QProcess p;
    p.start(QStringLiteral("perl"),
            {QStringLiteral(NETCASE_SOURCE_DIR "/tests/fixtures/mmdb/make_mmdb.pl"), out});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning("make_mmdb.pl failed (is libmaxmind-db-writer-perl installed?): %s",
                 p.readAllStandardError().constData());
        return {};
    }
    dir = out;
    return dir;
}

QString enrichFixture(const QString &name)
{
    const QString d = enrichFixtureDir();
    return d.isEmpty() ? QString() : d + QLatin1Char('/') + name;
}

QString writeTextFile(const QString &name, const QByteArray &text)
{
    const QString path = tempPath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(text);
    return path;
}

QStringList enrichLogIps()
{
    return {QStringLiteral("81.2.69.160"),   QStringLiteral("81.2.69.200"),
            QStringLiteral("89.160.20.112"), QStringLiteral("89.160.20.200"),
            QStringLiteral("175.16.199.5"),  QStringLiteral("185.220.101.7"),
            QStringLiteral("1.1.1.1"),       QStringLiteral("35.190.2.3"),
            QStringLiteral("100.64.1.2"),    QStringLiteral("10.0.0.5"),
            QStringLiteral("2a02:c7f::1"),   QStringLiteral("::ffff:81.2.69.161"),
            QStringLiteral("192.0.2.1"),     QStringLiteral("8.8.4.4")};
}

QString makeEnrichLog(const QString &name)
{
    QByteArray text;
    int minute = 0;
    for (const QString &ip : enrichLogIps()) {
        for (const char *user : {"alice", "bob"}) {
            const int status = qstrcmp(user, "bob") == 0 ? 401 : 200;
            text += QStringLiteral("%1 - %2 [10/Nov/2026:13:%3:00 +0000] \"POST /login HTTP/1.1\" "
                                   "%4 23 \"-\" \"curl/8.4.0\"\n")
                            .arg(ip, QLatin1String(user))
                            .arg(minute++ % 60, 2, 10, QLatin1Char('0'))
                            .arg(status)
                            .toUtf8();
        }
    }
    return writeTextFile(name, text);
}

} // namespace netcase::test
