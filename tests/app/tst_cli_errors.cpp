// Errors that say what happened: a case in a read-only location is still readable and named as
// such, a symlinked case meets the real file's lock, and every command given --json reports its
// failure as {"error": {code, message, exit_status}} on stdout with the usual exit status.

#include "common/testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTest>

#include <unistd.h>

using namespace netcase;

namespace {

constexpr auto kAllRead = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
constexpr auto kAllExec = QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;

QJsonObject jsonError(const test::Run &r)
{
    const QJsonObject o = QJsonDocument::fromJson(r.out.trimmed()).object();
    return o.value(QStringLiteral("error")).toObject();
}

/// Runs netcase as a user the file permissions bind: this user, or nobody (via setpriv) when
/// the tests run as root, for whom a read-only folder is writable.
test::Run netcaseBound(const QStringList &args, const QString &home)
{
    QString program = QStringLiteral(NETCASE_BINARY_DIR "/bin/netcase");
    QStringList argv = args;
    if (::getuid() == 0) {
        argv = QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                           QStringLiteral("--clear-groups"), program}
               + args;
        program = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    env.remove(QStringLiteral("XDG_CONFIG_HOME"));
    env.remove(QStringLiteral("XDG_DATA_HOME"));
    env.remove(QStringLiteral("XDG_CACHE_HOME"));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, argv);
    test::Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestCliErrors : public QObject
{
    Q_OBJECT
    QString m_log;

private Q_SLOTS:
    void initTestCase() { m_log = test::makeAccessLog(QStringLiteral("errors.log"), 300, 40); }

    void readOnlyLocationIsReadableAndNamed()
    {
        if (::getuid() == 0 && QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("running as root, where permissions do not bind, and setpriv is missing");
        // A folder of our own that the other user can reach (test temp dirs are 0700).
        QTemporaryDir base(QDir::tempPath() + QStringLiteral("/netcase-ro-XXXXXX"));
        QVERIFY(base.isValid());
        const QString home = base.filePath(QStringLiteral("home"));
        const QString dir = base.filePath(QStringLiteral("ro"));
        const QString out = base.filePath(QStringLiteral("out"));
        for (const QString &d : {home, dir, out})
            QVERIFY(QDir().mkpath(d));
        const auto open = kAllRead | kAllExec | QFileDevice::WriteOwner;
        const auto world = open | QFileDevice::WriteGroup | QFileDevice::WriteOther;
        QVERIFY(QFile::setPermissions(base.path(), open));
        QVERIFY(QFile::setPermissions(home, world));
        QVERIFY(QFile::setPermissions(out, world));
        const QString path = dir + QStringLiteral("/ro.netcase");
        QCOMPARE(test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        QCOMPARE(test::netcase(
                         {QStringLiteral("import"), path, m_log, QStringLiteral("--no-analyze")})
                         .exitCode,
                 0);
        QVERIFY(QFile::setPermissions(path, kAllRead | QFileDevice::WriteOwner));
        QVERIFY(QFile::setPermissions(dir, kAllRead | kAllExec)); // 0555

        auto info = netcaseBound({QStringLiteral("info"), path, QStringLiteral("--json")}, home);
        QVERIFY2(info.exitCode == 0, info.err.constData()); // was "is damaged and cannot be read"
        QCOMPARE(QJsonDocument::fromJson(info.out).object().value(QStringLiteral("events")).toInt(),
                 300);
        auto events = netcaseBound(
                {QStringLiteral("events"), path, QStringLiteral("--limit"), QStringLiteral("3")},
                home);
        QCOMPARE(events.exitCode, 0);
        QCOMPARE(events.out.count('\n'), 3);
        QCOMPARE(netcaseBound({QStringLiteral("findings"), path}, home).exitCode, 0);
        auto verify = netcaseBound({QStringLiteral("verify"), path}, home);
        QVERIFY2(verify.exitCode == 0, verify.err.constData());
        const QString html = out + QStringLiteral("/r.html");
        auto report
                = netcaseBound({QStringLiteral("report"), path, QStringLiteral("-o"), html}, home);
        QVERIFY2(report.exitCode == 0, report.err.constData());
        QVERIFY(QFile::exists(html));

        auto import = netcaseBound({QStringLiteral("import"), path, m_log}, home);
        QCOMPARE(import.exitCode, 3);
        QVERIFY2(import.err.contains("read-only location"), import.err.constData());
        QVERIFY(import.err.contains(dir.toUtf8()));
        QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 1); // nothing left beside it

        QVERIFY(QFile::setPermissions(dir, open));
    }

    void symlinkMeetsTheRealFilesLock()
    {
        const QString real = test::tempPath(QStringLiteral("real.netcase"));
        const QString link = test::tempPath(QStringLiteral("link.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), real, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        QVERIFY(QFile::link(real, link));
        // Another process writing the case holds the lock beside the real file.
        QLockFile held(real + QStringLiteral(".lock"));
        QVERIFY(held.tryLock(0));
        auto r = test::netcase({QStringLiteral("import"), link, m_log, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("being written by another Netcase process"), r.err.constData());
        QCOMPARE(jsonError(r).value(QStringLiteral("code")).toString(), QStringLiteral("locked"));
        QVERIFY(!QFile::exists(link + QStringLiteral(".lock")));
        held.unlock();
        QCOMPARE(test::netcase({QStringLiteral("import"), link, m_log}).exitCode, 0);
    }

    void readersAreToldAtOnceThatAnImportRuns()
    {
        const QString path = test::tempPath(QStringLiteral("importing.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        QCOMPARE(test::netcase({QStringLiteral("import"), path, m_log}).exitCode, 0);
        // What a bulk import holds: an exclusive write through a rollback journal, and the
        // case's lock file naming its process (here an sqlite3 shell plays the importer).
        QProcess writer;
        writer.start(QStringLiteral("sqlite3"), {path});
        QVERIFY(writer.waitForStarted());
        writer.write("PRAGMA journal_mode = DELETE;\nBEGIN EXCLUSIVE;\n"
                     "CREATE TABLE filler(x); INSERT INTO filler VALUES (randomblob(100000));\n"
                     "SELECT 'held';\n");
        QByteArray said;
        while (!said.contains("held") && writer.waitForReadyRead(10000))
            said += writer.readAllStandardOutput();
        QVERIFY2(said.contains("held"), writer.readAllStandardError().constData());
        QVERIFY(QFileInfo(path + QStringLiteral("-journal")).size() > 0);
        {
            QFile lock(path + QStringLiteral(".lock"));
            QVERIFY(lock.open(QIODevice::WriteOnly));
            lock.write(QByteArray::number(writer.processId()) + "\nnetcase\n"
                       + QSysInfo::machineHostName().toUtf8() + "\n");
        }
        for (const QString &cmd : {QStringLiteral("info"), QStringLiteral("findings")}) {
            auto r = test::netcase({cmd, path});
            QCOMPARE(r.exitCode, 3);
            const QByteArray says = "is being imported into by another Netcase process (pid "
                                    + QByteArray::number(writer.processId()) + ", since ";
            QVERIFY2(r.err.contains(says), r.err.constData());
        }
        auto decide = test::netcase({QStringLiteral("decide"), path, QStringLiteral("--subject"),
                                     QStringLiteral("ip:10.0.0.1"), QStringLiteral("--verdict"),
                                     QStringLiteral("monitor"), QStringLiteral("--reason"),
                                     QStringLiteral("x")});
        QCOMPARE(decide.exitCode, 3);
        QVERIFY2(!decide.err.contains("opened read-only"), decide.err.constData());
        writer.write("ROLLBACK;\n.quit\n");
        QVERIFY(writer.waitForFinished(10000));
        QFile::remove(path + QStringLiteral(".lock"));
        QCOMPARE(test::netcase({QStringLiteral("info"), path}).exitCode, 0);
    }

    void aLockFromAnotherHostSaysHowToClearIt()
    {
        const QString path = test::tempPath(QStringLiteral("remote.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        {
            QFile lock(path + QStringLiteral(".lock"));
            QVERIFY(lock.open(QIODevice::WriteOnly));
            lock.write("4242\nnetcase\nanalyst-laptop-7\n");
        }
        auto r = test::netcase({QStringLiteral("import"), path, m_log});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("pid 4242 on host analyst-laptop-7"), r.err.constData());
        const QByteArray hint = "delete " + path.toUtf8() + ".lock to clear it";
        QVERIFY2(r.err.contains(hint), r.err.constData());
        QFile::remove(path + QStringLiteral(".lock"));
    }

    void everyJsonCommandReportsErrorsAsJson()
    {
        const QString missing = test::tempPath(QStringLiteral("missing.netcase"));
        const QString csv = test::tempPath(QStringLiteral("dir.csv"));
        const QList<QStringList> calls = {
                {QStringLiteral("info"), missing},
                {QStringLiteral("info")}, // usage: exit 1
                {QStringLiteral("import"), missing, m_log},
                {QStringLiteral("enrich"), missing},
                {QStringLiteral("analyze"), missing},
                {QStringLiteral("findings"), missing},
                {QStringLiteral("decide"), missing, QStringLiteral("--subject"),
                 QStringLiteral("ip:192.0.2.1"), QStringLiteral("--verdict"),
                 QStringLiteral("benign"), QStringLiteral("--reason"), QStringLiteral("r")},
                {QStringLiteral("decisions"), missing},
                {QStringLiteral("review"), missing, QStringLiteral("--decision"),
                 QStringLiteral("1"), QStringLiteral("--verdict"), QStringLiteral("agree")},
                {QStringLiteral("directory"), missing, csv},
                {QStringLiteral("verify"), missing},
        };
        for (const QStringList &call : calls) {
            const auto plain = test::netcase(call);
            QVERIFY2(plain.exitCode > 0, qPrintable(call.join(QLatin1Char(' '))));
            const auto json = test::netcase(call + QStringList{QStringLiteral("--json")});
            const QString what = call.join(QLatin1Char(' ')) + QStringLiteral(": ")
                                 + QString::fromUtf8(json.out + json.err);
            QCOMPARE(json.exitCode, plain.exitCode);
            const QJsonObject e = jsonError(json);
            QVERIFY2(!e.isEmpty(), qPrintable(what));
            QCOMPARE(e.value(QStringLiteral("exit_status")).toInt(), plain.exitCode);
            QVERIFY2(!e.value(QStringLiteral("message")).toString().isEmpty(), qPrintable(what));
            QVERIFY2(!e.value(QStringLiteral("code")).toString().isEmpty(), qPrintable(what));
        }
    }

    void enrichWithEveryDatabaseRefusedReportsJson()
    {
        const QString path = test::tempPath(QStringLiteral("enrich.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString junk = test::tempPath(QStringLiteral("junk.mmdb"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a MaxMind database");
        f.close();
        auto r = test::netcase({QStringLiteral("enrich"), path, QStringLiteral("--mmdb"), junk,
                                QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        const QJsonObject e = jsonError(r);
        QCOMPARE(e.value(QStringLiteral("exit_status")).toInt(), 2);
        QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("data"));
    }
};

QTEST_GUILESS_MAIN(TestCliErrors)
#include "tst_cli_errors.moc"
