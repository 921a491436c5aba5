// A case's ClickHouse connection settings (cluster/chsettings, `netcase connection`) against a
// real clickhouse-server whose user "analyst" has a password: stored once, they serve
// `pull CASE` without a URL and `hunt --case`; the password works only from its file; and
// neither the password nor anything else of the password file ends up in the case file (audit
// records and their row digests included), in `netcase audit`, or in a report.

#include "clickhousecluster.h"

#include "common/testutil.h"

#include <QFile>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace netcase;
using namespace netcase::test;

namespace {
const QByteArray kSecondLine = "second-line-of-the-password-file-Zq81";
}

class TestConnSettings : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClickHouseCluster> m_cluster;
    QString m_url; ///< clickhouse://analyst@...
    QString m_pwFile;
    QString m_case;
    qint64 m_events = 0;

    static QByteArray contents(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static void noSecrets(const QByteArray &text, const char *where)
    {
        QVERIFY2(!text.isEmpty(), where);
        QVERIFY2(!text.contains(ClickHouseCluster::kPassword), where);
        QVERIFY2(!text.contains(kSecondLine), where);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (ClickHouseCluster::serverBinary().isEmpty())
            QSKIP("clickhouse-server is not installed (apt-get install clickhouse-server); the "
                  "ClickHouse tests need the real server");
        m_cluster = std::make_unique<ClickHouseCluster>(2);
        const Status s = m_cluster->start();
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        m_url = m_cluster->url(QStringLiteral("conn"));
        m_url.replace(QStringLiteral("clickhouse://"),
                      QStringLiteral("clickhouse://%1@")
                              .arg(QLatin1String(ClickHouseCluster::kPasswordUser)));
        m_pwFile = tempPath(QStringLiteral("password.txt"));
        QFile pw(m_pwFile);
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write(QByteArray(ClickHouseCluster::kPassword) + "\n" + kSecondLine + "\n");
        pw.close();
        const QString log = makeAccessLog(QStringLiteral("access.log"), 3000, 50, 0);
        const Run r = test::netcase({QStringLiteral("push"), m_url, QStringLiteral("--init"), log,
                                     QStringLiteral("--password-file"), m_pwFile,
                                     QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_events = nlohmann::json::parse(r.out.toStdString())["events"].get<qint64>();
        QCOMPARE(m_events, 3000);
        m_case = tempPath(QStringLiteral("conn.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
    }
    void cleanupTestCase() { m_cluster.reset(); }

    void thePasswordIsNeeded()
    {
        const Run r
                = test::netcase({QStringLiteral("pull"), m_case, m_url, QStringLiteral("--count")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("refused the request"), r.err.constData());
        noSecrets(r.err, "the error names no password");
    }

    void noSettingsNoUrl()
    {
        const Run r = test::netcase({QStringLiteral("pull"), m_case, QStringLiteral("--count")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("netcase connection"), r.err.constData());
    }

    void refusedSettings()
    {
        QString withPassword = m_url;
        withPassword.replace(QStringLiteral("analyst@"), QStringLiteral("analyst:x@"));
        Run r = test::netcase({QStringLiteral("connection"), m_case, withPassword});
        QCOMPARE(r.exitCode, 1);
        r = test::netcase({QStringLiteral("connection"), m_case, m_url, QStringLiteral("--ca-file"),
                           m_pwFile});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("secure=1"), r.err.constData());
        r = test::netcase({QStringLiteral("connection"), m_case, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("{}"));
    }

    void storedSettingsServePullAndHunt()
    {
        Run r = test::netcase({QStringLiteral("connection"), m_case, m_url,
                               QStringLiteral("--password-file"), m_pwFile,
                               QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::netcase({QStringLiteral("connection"), m_case, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto stored = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(QString::fromStdString(stored["url"].get<std::string>()), m_url);
        QCOMPARE(QString::fromStdString(stored["password_file"].get<std::string>()), m_pwFile);

        r = test::netcase({QStringLiteral("pull"), m_case, QStringLiteral("--count"),
                           QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["events"].get<qint64>(), m_events);
        r = test::netcase({QStringLiteral("hunt"), QStringLiteral("--case"), m_case,
                           QStringLiteral("--rule"), QStringLiteral("ddos"),
                           QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = test::netcase({QStringLiteral("pull"), m_case, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["events"].get<qint64>(), m_events);
        // An option given overrides the stored one: a wrong password file fails.
        const QString wrong = tempPath(QStringLiteral("wrong.txt"));
        QFile w(wrong);
        QVERIFY(w.open(QIODevice::WriteOnly));
        w.write("not-the-password\n");
        w.close();
        r = test::netcase({QStringLiteral("pull"), m_case, QStringLiteral("--count"),
                           QStringLiteral("--password-file"), wrong});
        QVERIFY(r.exitCode != 0);
    }

    void noSecretInCaseAuditOrReport()
    {
        const Run verify = test::netcase({QStringLiteral("verify"), m_case});
        QVERIFY2(verify.exitCode == 0, QByteArray(verify.out + verify.err).constData());
        const Run audit
                = test::netcase({QStringLiteral("audit"), m_case, QStringLiteral("--json")});
        QVERIFY2(audit.exitCode == 0, audit.err.constData());
        QVERIFY(audit.out.contains("cluster.settings"));
        noSecrets(audit.out, "netcase audit");
        for (const char *ext : {"html", "json"}) {
            const QString report = tempPath(QStringLiteral("report.%1").arg(QLatin1String(ext)));
            const Run r = test::netcase(
                    {QStringLiteral("report"), m_case, QStringLiteral("-o"), report});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            noSecrets(contents(report), ext);
        }
        // The whole case file: settings, sources, audit records and audit_rows.
        noSecrets(contents(m_case), "the case file");
        QVERIFY(contents(m_case).contains(m_pwFile.toUtf8())); // the path is what is kept
    }
};

QTEST_GUILESS_MAIN(TestConnSettings)
#include "tst_connsettings.moc"
