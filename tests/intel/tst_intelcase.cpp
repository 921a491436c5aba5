// Intelligence in a case: indicators stored with their provenance under the audit chain,
// matched against the case's addresses, domains and URLs, with the validity window compared to
// each event's time, and the intel findings that result (severity, caveats).

#include "common/intelfixtures.h"
#include "common/testutil.h"

#include "analysis/findingstore.h"
#include "audit/trailcheck.h"
#include "case/casefile.h"
#include "case/sqlite.h"
#include "intel/intelmatch.h"
#include "jobs/intelimport.h"

#include <QTest>

using namespace netcase;
using namespace Qt::StringLiterals;
using namespace netcase::intel;

namespace {

const StoredFinding *findingFor(const std::vector<StoredFinding> &list, const QString &value)
{
    for (const StoredFinding &f : list)
        if (f.details.value("matched_value", std::string()) == value.toStdString())
            return &f;
    return nullptr;
}

bool hasCaveat(const StoredFinding &f, const char *code)
{
    for (const auto &c : f.caveats)
        if (c.value("code", std::string()) == code)
            return true;
    return false;
}

} // namespace

class TestIntelCase : public QObject
{
    Q_OBJECT

    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", test::tempPath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", test::tempPath(QStringLiteral("data")).toUtf8());
        m_case = test::tempPath(QStringLiteral("intel.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        // Events on 2024-03-10 from these addresses, and Zeek HTTP requests to these hosts.
        const QString log = test::accessLogFrom(
                QStringLiteral("a.log"),
                {u"203.0.113.7"_s, u"203.0.113.7"_s, u"198.51.100.20"_s, u"192.0.2.44"_s,
                 u"192.0.2.45"_s, u"2001:db8:ff::9"_s, u"203.0.113.99"_s});
        const QString http = test::zeekHttpLog(QStringLiteral("http.log"),
                                               {{u"evil.example"_s, u"/gate.php"_s},
                                                {u"Evil.Example"_s, u"/other"_s},
                                                {u"ok.example"_s, u"/"_s}});
        for (const QString &f : {log, http}) {
            const auto r = test::netcase({QStringLiteral("import"), m_case, f});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
    }

    void importsMatchesAndWindows()
    {
        using test::StixSpec;
        const QString bundle = test::writeJson(
                QStringLiteral("bundle.json"),
                test::stixBundle({
                        // Valid at the events (2024-03-10).
                        StixSpec{u"[ipv4-addr:value = '203.0.113.7']"_s, u"2024-01-01T00:00:00Z"_s,
                                 u"2024-12-31T00:00:00Z"_s, 90},
                        // Expired a month before the events.
                        StixSpec{u"[ipv4-addr:value = '198.51.100.20']"_s,
                                 u"2023-06-01T00:00:00Z"_s, u"2024-02-01T00:00:00Z"_s, 90},
                        // Not yet valid at the events.
                        StixSpec{u"[ipv6-addr:value = '2001:db8:ff::/48']"_s,
                                 u"2025-01-01T00:00:00Z"_s, QString(), 90},
                        // A network holding two of the addresses.
                        StixSpec{u"[ipv4-addr:value = '192.0.2.0/24']"_s, u"2024-01-01T00:00:00Z"_s,
                                 QString(), 50},
                        StixSpec{u"[domain-name:value = 'evil.example']"_s},
                        StixSpec{u"[url:value = 'http://evil.example/gate.php']"_s},
                }));
        auto c = CaseFile::open(m_case);
        QVERIFY(c.ok());
        auto sum = importIntelligence(c->db(), {bundle}, QStringLiteral("tester"));
        QVERIFY2(sum.ok(), sum.ok() ? "" : qPrintable(sum.error().message));
        QCOMPARE(sum->refused(), 0);
        QVERIFY(sum->analysed);

        // Provenance.
        const auto sources = IntelStore::sources(c->db());
        QCOMPARE(int(sources.size()), 1);
        QCOMPARE(sources[0].format, QStringLiteral("stix"));
        QCOMPARE(sources[0].producer, QStringLiteral("Example CERT"));
        QCOMPARE(sources[0].sha256.size(), 64);
        QCOMPARE(sources[0].actor, QStringLiteral("tester"));
        const auto stored = IntelStore::indicators(c->db());
        QCOMPARE(int(stored.size()), 6);
        QCOMPARE(stored[0].ind.confidence.value_or(-1), 90);
        QCOMPARE(stored[0].ind.producer, QStringLiteral("Example CERT"));

        // Matches and windows.
        auto m = matchCase(c->db());
        QVERIFY(m.ok());
        std::map<QString, IntelHit> byValue;
        for (const IntelHit &h : m->hits)
            byValue[h.value + QLatin1Char('|') + h.field] = h;
        QCOMPARE(byValue[u"203.0.113.7|source.ip"_s].valid, 2);
        QCOMPARE(byValue[u"198.51.100.20|source.ip"_s].expired, 1);
        QCOMPARE(byValue[u"198.51.100.20|source.ip"_s].valid, 0);
        QCOMPARE(byValue[u"2001:db8:ff::9|source.ip"_s].notYetValid, 1);
        QCOMPARE(byValue[u"192.0.2.44|source.ip"_s].valid, 1);
        QCOMPARE(byValue[u"192.0.2.45|source.ip"_s].valid, 1);
        QVERIFY(!byValue.count(u"203.0.113.99|source.ip"_s));
        // The domain in both case spellings, and the URL rebuilt from host + uri.
        QCOMPARE(byValue[u"evil.example|destination.domain"_s].events, 2);
        QCOMPARE(byValue[u"evil.example/gate.php|url.original"_s].events, 1);
        QVERIFY(!byValue.count(u"ok.example|destination.domain"_s));

        // Findings: expired and not-yet-valid ones stay informational.
        const auto findings = intelFindingsOf(c->db());
        const StoredFinding *valid = findingFor(findings, QStringLiteral("203.0.113.7"));
        const StoredFinding *expired = findingFor(findings, QStringLiteral("198.51.100.20"));
        const StoredFinding *early = findingFor(findings, QStringLiteral("2001:db8:ff::9"));
        const StoredFinding *net = findingFor(findings, QStringLiteral("192.0.2.44"));
        QVERIFY(valid && expired && early && net);
        QVERIFY2(valid->severity >= 60, qPrintable(QString::number(valid->severity)));
        QCOMPARE(expired->severity, 5);
        QCOMPARE(early->severity, 5);
        QVERIFY(hasCaveat(*expired, "outside_validity"));
        QVERIFY(!hasCaveat(*valid, "outside_validity"));
        QVERIFY(hasCaveat(*net, "network_indicator"));
        QVERIFY(net->severity < valid->severity);
        QCOMPARE(valid->ips, QStringList{QStringLiteral("203.0.113.7")});
        QCOMPARE(valid->evidenceCount, 2);
        const auto ind = valid->details["indicators"][0];
        QCOMPARE(ind["producer"].get<std::string>(), std::string("Example CERT"));
        QCOMPARE(ind["source_sha256"].get<std::string>(), sources[0].sha256.toStdString());
        QCOMPARE(ind["confidence"].get<int>(), 90);
        QVERIFY(findingFor(findings, QStringLiteral("evil.example")));

        // Under the chain; and the same file again is refused, leaving the case as it was.
        QVERIFY(TrailCheck::run(c->db()).intact());
        auto again = importIntelligence(c->db(), {bundle}, QStringLiteral("tester"));
        QVERIFY(again.ok());
        QCOMPARE(again->refused(), 1);
        QVERIFY(again->files[0].error.contains(QStringLiteral("already in the case")));
        QCOMPARE(int(IntelStore::indicators(c->db()).size()), 6);
    }

    void badFileLeavesNothing()
    {
        auto c = CaseFile::open(m_case);
        QVERIFY(c.ok());
        const auto before = IntelStore::indicators(c->db()).size();
        const std::int64_t auditBefore = c->db().scalar("SELECT count(*) FROM audit_log");
        auto bundle = test::stixBundle(
                {{u"[ipv4-addr:value = '192.0.2.200']"_s}, {u"[ipv4-addr:value = "_s}});
        auto sum = importIntelligence(c->db(),
                                      {test::writeJson(QStringLiteral("half.json"), bundle)},
                                      QStringLiteral("tester"));
        QVERIFY(sum.ok());
        QCOMPARE(sum->refused(), 1);
        QVERIFY(!sum->analysed);
        QVERIFY(sum->files[0].error.contains(QStringLiteral("indicator--")));
        QCOMPARE(IntelStore::indicators(c->db()).size(), before);
        QCOMPARE(c->db().scalar("SELECT count(*) FROM audit_log"), auditBefore);
    }

    void indicatorsForOneAddress()
    {
        auto c = CaseFile::open(m_case, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c.ok());
        const auto list = indicatorsForAddress(c->db(), QStringLiteral("192.0.2.45"));
        QCOMPARE(int(list.size()), 1);
        QCOMPARE(list[0].ind.value, QStringLiteral("192.0.2.0/24"));
        QVERIFY(indicatorsForAddress(c->db(), QStringLiteral("203.0.113.99")).empty());
    }
};

QTEST_GUILESS_MAIN(TestIntelCase)
#include "tst_intelcase.moc"
