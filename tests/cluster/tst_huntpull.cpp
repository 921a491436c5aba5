// netcase hunt and netcase pull against two real clickhouse-server shards, on the labelled
// scenario of scripts/gen_scenarios.py: the hunt's first stage lists the scenario's attackers,
// and a pulled slice equals the same filter on a local case built from the same files.

#include "clickhousecluster.h"

#include "analysis/rules.h"
#include "cluster/chhunt.h"
#include "common/analysis_fixtures.h"
#include "common/testutil.h"

#include <QFile>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

using namespace netcase;
using namespace netcase::test;

class TestHuntPull : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClickHouseCluster> m_cluster;
    QString m_dir;
    QString m_url;
    nlohmann::json m_labels;

    /// The addresses of the scenario's episodes of that kind.
    std::set<std::string> labelled(const std::string &kind) const
    {
        std::set<std::string> out;
        for (const auto &ep : m_labels) {
            const auto &kinds = ep["kinds"];
            if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end())
                for (const auto &ip : ep["ips"])
                    out.insert(ip.get<std::string>());
        }
        return out;
    }
    std::set<std::string> candidates(const QString &rule)
    {
        const cluster::ChConnection c = m_cluster->connection(QStringLiteral("scen"));
        auto found = cluster::hunt(c, rule, Rules::defaults().value(), 0,
                                   std::numeric_limits<std::int64_t>::max());
        if (!found)
            qWarning() << found.error().message;
        std::set<std::string> out;
        if (found)
            for (const auto &h : found->candidates)
                out.insert(h.entity);
        return out;
    }
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
        qInfo("two clickhouse-server shards answered after %lld ms", m_cluster->startMs());
        m_dir = tempPath(QStringLiteral("scenario"));
        QVERIFY(generateScenarios(m_dir));
        QFile labels(m_dir + QStringLiteral("/labels.json"));
        QVERIFY(labels.open(QIODevice::ReadOnly));
        m_labels = nlohmann::json::parse(labels.readAll().toStdString())["episodes"];
        m_url = m_cluster->url(QStringLiteral("scen"));
        const Run r = test::netcase({QStringLiteral("push"), m_url, QStringLiteral("--init"),
                                     m_dir + QStringLiteral("/web-access.log"),
                                     m_dir + QStringLiteral("/auth.log"),
                                     m_dir + QStringLiteral("/conn.log"), QStringLiteral("--year"),
                                     QStringLiteral("2026")});
        QVERIFY2(r.exitCode == 0, r.out.constData());
    }
    void cleanupTestCase() { m_cluster.reset(); }

    void huntFindsTheScenarioAttackers()
    {
        const auto stuffing = candidates(QStringLiteral("credential_stuffing"));
        QVERIFY(labelled("credential_stuffing").count("45.155.205.33"));
        QVERIFY(stuffing.count("45.155.205.33"));
        for (const std::string &ip : labelled("password_spraying"))
            QVERIFY2(candidates(QStringLiteral("password_spraying")).count(ip), ip.c_str());
        const auto ssh = candidates(QStringLiteral("ssh_bruteforce"));
        for (const std::string &ip : labelled("ssh_bruteforce"))
            QVERIFY2(ssh.count(ip), ip.c_str());
        QVERIFY(!ssh.empty());
        // Only sources: no benign customer of the shop is a stuffing candidate.
        QVERIFY(stuffing.size() < 10);
    }

    void huntCommandLine()
    {
        const Run r = test::netcase({QStringLiteral("hunt"), m_url, QStringLiteral("--rule"),
                                     QStringLiteral("ssh_bruteforce"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QVERIFY(!j["candidates"].empty());
        QVERIFY(j["candidates"][0].contains("accounts"));
        const Run bad = test::netcase({QStringLiteral("hunt"), m_url, QStringLiteral("--rule"),
                                       QStringLiteral("nonsense")});
        QCOMPARE(bad.exitCode, 1);
    }

    void huntQueryNarrowsTheEvents()
    {
        // All candidates of a rule with several, then only those of one /16: the query is ANDed
        // on.
        QString rule;
        std::set<std::string> all;
        for (const char *r : {"password_spraying", "credential_stuffing", "ssh_bruteforce"}) {
            rule = QString::fromLatin1(r);
            all = candidates(rule);
            if (all.size() >= 2)
                break;
        }
        QVERIFY2(all.size() >= 2, "no rule has two candidates in the scenario");
        const auto v4 = std::find_if(all.begin(), all.end(), [](const std::string &ip) {
            return ip.find(':') == std::string::npos;
        });
        QVERIFY(v4 != all.end());
        const std::string one = *v4;
        const std::string prefix = one.substr(0, one.find('.', one.find('.') + 1)) + ".";
        const QString net = QString::fromStdString(prefix) + QStringLiteral("0.0/16");
        const Run r = test::netcase({QStringLiteral("hunt"), m_url, QStringLiteral("--rule"), rule,
                                     QStringLiteral("--query"), QStringLiteral("src:") + net,
                                     QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto doc = nlohmann::json::parse(r.out.toStdString());
        std::set<std::string> narrowed;
        for (const auto &c : doc["candidates"])
            narrowed.insert(c["entity"].get<std::string>());
        QVERIFY2(narrowed.count(one), r.out.constData());
        std::set<std::string> expected;
        for (const std::string &ip : all)
            if (ip.rfind(prefix, 0) == 0)
                expected.insert(ip);
        QCOMPARE(narrowed, expected);
        QVERIFY(narrowed.size() < all.size());
        // A query the cluster cannot answer is refused, not ignored.
        const Run words = test::netcase({QStringLiteral("hunt"), m_url, QStringLiteral("--rule"),
                                         QStringLiteral("ssh_bruteforce"),
                                         QStringLiteral("--query"), QStringLiteral("brute")});
        QCOMPARE(words.exitCode, 1);
    }

    void pulledSliceEqualsLocalCase()
    {
        const QString local = tempPath(QStringLiteral("local.netcase"));
        const QString pulled = tempPath(QStringLiteral("pulled.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), local, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        QCOMPARE(test::netcase({QStringLiteral("import"), local,
                                m_dir + QStringLiteral("/web-access.log"),
                                m_dir + QStringLiteral("/auth.log"), QStringLiteral("--year"),
                                QStringLiteral("2026"), QStringLiteral("--no-analyze")})
                         .exitCode,
                 0);
        QCOMPARE(test::netcase({QStringLiteral("new"), pulled, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QStringList filter{QStringLiteral("--ip"),   QStringLiteral("45.155.205.33"),
                                 QStringLiteral("--from"), QStringLiteral("2026-10-06T02:05:00Z"),
                                 QStringLiteral("--to"),   QStringLiteral("2026-10-07")};
        const Run count = test::netcase(
                QStringList{QStringLiteral("pull"), pulled, m_url, QStringLiteral("--count")}
                + filter);
        QVERIFY2(count.exitCode == 0, count.err.constData());
        const Run r = test::netcase(QStringList{QStringLiteral("pull"), pulled, m_url,
                                                QStringLiteral("--no-analyze"),
                                                QStringLiteral("--json")}
                                    + filter);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        const auto want = events(QStringList{local} + filter);
        QVERIFY(want.size() > 50);
        QCOMPARE(j["events"].get<size_t>(), want.size());
        QVERIFY(count.out.startsWith(
                QByteArray(QByteArray::number(qulonglong(want.size())) + " events")));
        QCOMPARE(events({pulled}), want);

        // The same slice again is refused; the audit chain with the pull record verifies.
        const Run again
                = test::netcase(QStringList{QStringLiteral("pull"), pulled, m_url} + filter);
        QCOMPARE(again.exitCode, 2);
        const Run verified = test::netcase({QStringLiteral("verify"), pulled});
        QVERIFY2(verified.exitCode == 0, QByteArray(verified.out + verified.err).constData());
    }
};

QTEST_GUILESS_MAIN(TestHuntPull)
#include "tst_huntpull.moc"
