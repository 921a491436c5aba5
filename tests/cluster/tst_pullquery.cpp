// netcase pull --query against two real clickhouse-server shards: for each query, the pulled
// events equal `netcase events --query` on a local case built from the same files (the labelled
// scenario of scripts/gen_scenarios.py plus a few lines with quotes, backslashes, LIKE
// wildcards and IPv6 in their values); what the cluster cannot answer is refused.

#include "clickhousecluster.h"

#include "common/analysis_fixtures.h"
#include "common/testutil.h"

#include <QFile>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace netcase;
using namespace netcase::test;

namespace {

// Values the escaping must carry: a quote and a backslash (user, path), LIKE's own wildcards
// (user agents that differ only where an unescaped _ would match), an IPv6 source.
const char kOddLines[]
        = "203.0.113.7 - o'brien [06/Oct/2026:03:00:00 +0000] \"GET /files/o'brien\\report "
          "HTTP/1.1\" 404 12 \"-\" \"100%_sure\"\n"
          "203.0.113.8 - o\\brien [06/Oct/2026:03:00:01 +0000] \"GET /files/plain HTTP/1.1\" 200 "
          "12 \"-\" \"100%Xsure\"\n"
          "2001:db8::5 - - [06/Oct/2026:03:00:02 +0000] \"GET /v6 HTTP/1.1\" 200 1 \"-\" "
          "\"curl/8.0\"\n";

} // namespace

class TestPullQuery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClickHouseCluster> m_cluster;
    QString m_url;
    QString m_local;
    int m_cases = 0;

    /// `netcase events` of a case, without Netcase's own fields (ids, source), sorted.
    static std::vector<std::string> events(const QStringList &args)
    {
        const Run r = test::netcase(QStringList{QStringLiteral("events")} + args);
        std::vector<std::string> out;
        for (const QByteArray &line : r.out.split('\n')) {
            if (line.isEmpty())
                continue;
            auto doc = nlohmann::json::parse(line.toStdString());
            doc.erase("netcase");
            out.push_back(doc.dump());
        }
        std::sort(out.begin(), out.end());
        return out;
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
        const QString dir = tempPath(QStringLiteral("scenario"));
        QVERIFY(generateScenarios(dir));
        QFile odd(dir + QStringLiteral("/odd-access.log"));
        QVERIFY(odd.open(QIODevice::WriteOnly));
        odd.write(kOddLines);
        odd.close();
        const QStringList files{dir + QStringLiteral("/web-access.log"),
                                dir + QStringLiteral("/auth.log"), odd.fileName(),
                                QStringLiteral("--year"), QStringLiteral("2026")};
        m_url = m_cluster->url(QStringLiteral("q"));
        const Run pushed = test::netcase(
                QStringList{QStringLiteral("push"), m_url, QStringLiteral("--init")} + files);
        QVERIFY2(pushed.exitCode == 0, QByteArray(pushed.out + pushed.err).constData());
        m_local = tempPath(QStringLiteral("local.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_local, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const Run imported = test::netcase(
                QStringList{QStringLiteral("import"), m_local, QStringLiteral("--no-analyze")}
                + files);
        QVERIFY2(imported.exitCode == 0, QByteArray(imported.out + imported.err).constData());
    }
    void cleanupTestCase() { m_cluster.reset(); }

    void pulledEqualsLocalQuery_data()
    {
        QTest::addColumn<QString>("query");
        const char *queries[] = {
                "ip:45.155.205.33",
                "src:45.155.0.0/16",
                "src:193.42.33.*",
                "src:2001:db8::/32",
                "src:2001:db8:*",
                "user:deploy",
                "status>=400",
                "bytes<100",
                "path:*login*",
                "ua:/python-requests.2\\.3\\d/",
                "NOT status:200 AND src:45.155.205.33",
                "(user:deploy OR user:ops) AND NOT outcome:success",
                "NOT user:* AND NOT status:200 AND NOT status:503",
                "time:2026-10-06 AND method:POST AND status!=302",
                "user:o'brien",
                "user:o\\\\brien",
                "path:\"/files/o'brien\\\\report\"",
                "ua:*%_s*",
        };
        for (const char *q : queries)
            QTest::newRow(q) << QString::fromUtf8(q);
    }
    void pulledEqualsLocalQuery()
    {
        QFETCH(QString, query);
        const auto want = events({m_local, QStringLiteral("--query"), query});
        QVERIFY2(!want.empty(), "the local case has no events for this query");
        const QString pulled = tempPath(QStringLiteral("pulled%1.netcase").arg(++m_cases));
        QCOMPARE(test::netcase({QStringLiteral("new"), pulled, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const Run count
                = test::netcase({QStringLiteral("pull"), pulled, m_url, QStringLiteral("--query"),
                                 query, QStringLiteral("--count"), QStringLiteral("--json")});
        QVERIFY2(count.exitCode == 0, count.err.constData());
        QCOMPARE(nlohmann::json::parse(count.out.toStdString())["events"].get<size_t>(),
                 want.size());
        const Run r
                = test::netcase({QStringLiteral("pull"), pulled, m_url, QStringLiteral("--query"),
                                 query, QStringLiteral("--no-analyze"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(events({pulled}), want);
        // The provenance says which query made the slice.
        const Run info = test::netcase({QStringLiteral("info"), pulled, QStringLiteral("--json")});
        const auto sources = nlohmann::json::parse(info.out.toStdString())["sources"];
        QCOMPARE(sources.size(), size_t(1));
        QCOMPARE(QString::fromStdString(sources[0].value("member", std::string())),
                 QStringLiteral("query ") + query);
    }

    void refusesWhatTheClusterCannotAnswer_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("says");
        QTest::newRow("bare word") << QStringLiteral("admin") << QStringLiteral("raw");
        QTest::newRow("phrase") << QStringLiteral("status:401 \"Failed password\"")
                                << QStringLiteral("raw");
        QTest::newRow("raw regex") << QStringLiteral("/sshd/") << QStringLiteral("raw");
        QTest::newRow("country") << QStringLiteral("country:RU") << QStringLiteral("enrichment");
        QTest::newRow("file") << QStringLiteral("file:auth.log") << QStringLiteral("file");
        QTest::newRow("syntax") << QStringLiteral("status>=") << QStringLiteral("character");
    }
    void refusesWhatTheClusterCannotAnswer()
    {
        QFETCH(QString, query);
        QFETCH(QString, says);
        const QString pulled = tempPath(QStringLiteral("refused.netcase"));
        QFile::remove(pulled);
        QCOMPARE(test::netcase({QStringLiteral("new"), pulled, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const Run r = test::netcase(
                {QStringLiteral("pull"), pulled, m_url, QStringLiteral("--query"), query});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(says), r.err.constData());
        QVERIFY(events({pulled}).empty());
    }
};

QTEST_GUILESS_MAIN(TestPullQuery)
#include "tst_pullquery.moc"
