// The ClickHouse password from the desktop keyring (--password-keyring NAME, cluster/chkeyring)
// against a real clickhouse-server whose user "analyst" has a password. The test starts its own
// D-Bus session bus and GNOME Keyring's Secret Service in it (a temporary data folder, unlocked
// with a throw-away password), writes the entry through QtKeychain and lets `netcase pull` read
// it. It skips, saying why, when dbus-daemon or gnome-keyring-daemon is not installed or the
// build has no QtKeychain (scripts/packages.txt lists all three).

#include "clickhousecluster.h"

#include "cluster/chkeyring.h"
#include "common/testutil.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <csignal>
#include <sys/prctl.h>

using namespace netcase;
using namespace netcase::test;

class TestKeyring : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClickHouseCluster> m_cluster;
    QProcess m_bus;
    QProcess m_keyring;
    QString m_url;
    QString m_case;

    static void start(QProcess &p, const QString &program, const QStringList &args)
    {
        p.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        p.start(program, args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (ClickHouseCluster::serverBinary().isEmpty())
            QSKIP("clickhouse-server is not installed (apt-get install clickhouse-server); the "
                  "ClickHouse tests need the real server");
        if (!cluster::keyringAvailable())
            QSKIP("this build has no QtKeychain (apt-get install qtkeychain-qt6-dev)");
        const QString busBin = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        const QString keyringBin
                = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
        if (busBin.isEmpty() || keyringBin.isEmpty())
            QSKIP("no Secret Service to test with: dbus-daemon or gnome-keyring-daemon is not "
                  "installed (apt-get install dbus-daemon gnome-keyring)");

        // A private session bus; this process and the netcase processes it starts use it. Its
        // configuration has no service folders, so nothing is activated behind the test's back
        // (such as a second keyring daemon with the real home folder).
        const QString busConfig = tempPath(QStringLiteral("bus.conf"));
        QFile conf(busConfig);
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration "
                   "1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                   "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>"
                   "<auth>EXTERNAL</auth><policy context=\"default\"><allow "
                   "send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                   "<allow own=\"*\"/></policy></busconfig>\n");
        conf.close();
        start(m_bus, busBin,
              {QStringLiteral("--config-file=%1").arg(busConfig), QStringLiteral("--nofork"),
               QStringLiteral("--print-address=1")});
        QVERIFY(m_bus.waitForStarted(10000));
        QVERIFY(m_bus.waitForReadyRead(10000));
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY2(address.startsWith("unix:"), address.constData());
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);

        // GNOME Keyring's Secret Service with its keyrings in a temporary folder.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), tempPath(QStringLiteral("data")));
        env.insert(QStringLiteral("HOME"), tempPath(QStringLiteral("home")));
        QDir().mkpath(tempPath(QStringLiteral("home")));
        m_keyring.setProcessEnvironment(env);
        m_keyring.setProcessChannelMode(QProcess::MergedChannels);
        start(m_keyring, keyringBin,
              {QStringLiteral("--foreground"), QStringLiteral("--unlock"),
               QStringLiteral("--components=secrets")});
        QVERIFY(m_keyring.waitForStarted(10000));
        m_keyring.write("keyring-unlock-password");
        m_keyring.closeWriteChannel();
        // It prints its control folder once it serves.
        QByteArray said;
        while (!said.contains("GNOME_KEYRING_CONTROL") && m_keyring.waitForReadyRead(10000))
            said += m_keyring.readAll();
        QVERIFY2(said.contains("GNOME_KEYRING_CONTROL"), said.constData());

        // The entry, written as a person would with any Secret Service tool (here QtKeychain).
        Status written;
        for (int attempt = 0; attempt < 50; ++attempt) { // until the daemon has taken its name
            written = cluster::writeKeyringPassword(
                    QStringLiteral("ch-test"), QString::fromLatin1(ClickHouseCluster::kPassword));
            if (written)
                break;
            QTest::qWait(100);
        }
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));

        m_cluster = std::make_unique<ClickHouseCluster>(2);
        const Status s = m_cluster->start();
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        m_url = m_cluster->url(QStringLiteral("keyring"));
        m_url.replace(QStringLiteral("clickhouse://"),
                      QStringLiteral("clickhouse://%1@")
                              .arg(QLatin1String(ClickHouseCluster::kPasswordUser)));
        const Run r
                = test::netcase({QStringLiteral("push"), m_url, QStringLiteral("--init"),
                                 makeAccessLog(QStringLiteral("access.log"), 1000, 20, 0),
                                 QStringLiteral("--password-keyring"), QStringLiteral("ch-test")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_case = tempPath(QStringLiteral("keyring.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
    }
    void cleanupTestCase()
    {
        m_cluster.reset();
        for (QProcess *p : {&m_keyring, &m_bus}) {
            if (p->state() != QProcess::NotRunning) {
                p->terminate();
                if (!p->waitForFinished(5000))
                    p->kill();
                p->waitForFinished(5000);
            }
        }
    }

    void pullWithTheKeyringEntry()
    {
        Run r = test::netcase({QStringLiteral("pull"), m_case, m_url, QStringLiteral("--count"),
                               QStringLiteral("--password-keyring"), QStringLiteral("ch-test")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed(), QByteArray("1000 events match"));
        // Stored in the case as the entry's name, never the password.
        r = test::netcase({QStringLiteral("connection"), m_case, m_url,
                           QStringLiteral("--password-keyring"), QStringLiteral("ch-test")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::netcase({QStringLiteral("pull"), m_case, QStringLiteral("--count")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed(), QByteArray("1000 events match"));
        QFile f(m_case);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains(ClickHouseCluster::kPassword));
    }

    void missingEntryIsNamed()
    {
        const Run r = test::netcase(
                {QStringLiteral("pull"), m_case, m_url, QStringLiteral("--count"),
                 QStringLiteral("--password-keyring"), QStringLiteral("no-such-entry")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("keyring entry 'no-such-entry'"), r.err.constData());
        qInfo("missing entry: %s", r.err.trimmed().constData());
    }

    void noSecretServiceIsNamed()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        const Run r
                = test::netcase({QStringLiteral("pull"), m_case, m_url, QStringLiteral("--count"),
                                 QStringLiteral("--password-keyring"), QStringLiteral("ch-test")},
                                env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("keyring entry 'ch-test'"), r.err.constData());
        qInfo("no session bus: %s", r.err.trimmed().constData());
    }
};

QTEST_GUILESS_MAIN(TestKeyring)
#include "tst_keyring.moc"
