// The detections on small in-memory datasets: each rule fires on its pattern and stays quiet on
// the look-alike next to it.

#include "analysis/analyzer.h"
#include "analysis/rules.h"
#include "analysis/tuning.h"
#include "analysis/useragent.h"
#include "common/analysisbuilder.h"

#include <QTest>

using namespace netcase;

using netcase::test::Builder;
using netcase::test::fresh;
using netcase::test::kS;
using netcase::test::ofKind;

class TestDetections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto r = Rules::defaults();
        QVERIFY(r);
        m_rules.emplace(*r);
    }

    void impossibleTravelAndDualStack()
    {
        Builder b = fresh();
        const auto berlin = b.ip("91.64.1.1", "DE", 52.52, 13.40, 3209);
        const auto sydney = b.ip("1.120.1.1", "AU", -33.87, 151.21, 1221);
        const auto berlin6 = b.ip("2a02:8108::1", "DE", 48.14, 11.58, 3209, 6);
        b.add(1000, "authentication", "user.session.start", berlin, "ann", 1);
        b.add(1000 + 3600, "authentication", "user.session.start", sydney, "ann", 1);
        // Same ASN, IPv4 then IPv6 500 km apart ten minutes later: one dual-stack network.
        b.add(5000, "authentication", "user.session.start", berlin, "ben", 1);
        b.add(5600, "authentication", "user.session.start", berlin6, "ben", 1);
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "impossible_travel");
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY(found[0]->accounts.count("ann"));
        QVERIFY(found[0]->severity() >= 60);
    }

    void plausibleFlightIsNotTravel()
    {
        Builder b = fresh();
        const auto london = b.ip("81.2.1.1", "GB", 51.51, -0.13, 5089);
        const auto ny = b.ip("74.101.1.1", "US", 40.71, -74.0, 701);
        b.add(0, "authentication", "user.session.start", london, "alice", 1);
        b.add(12 * 3600, "authentication", "user.session.start", ny, "alice", 1);
        const auto all = b.run(*m_rules);
        QVERIFY(ofKind(all, "impossible_travel").empty());
    }

    void stuffingVersusSpraying()
    {
        Builder b = fresh();
        const auto fast = b.ip("45.155.205.33", "NL", 52, 4, 49505, 4, "hosting");
        const auto slow = b.ip("193.42.33.7", "RU", 55, 37, 50340, 4, "hosting");
        for (int i = 0; i < 50; ++i)
            b.add(1000 + i * 2, "authentication", "user.session.start", fast,
                  "u" + std::to_string(i), 2);
        // The sprayer tries the organisation's own accounts (they sign in from the office).
        const auto office = b.ip("62.154.10.9", "DE", 50, 8, 3320, 4, "business");
        for (int i = 0; i < 30; ++i) {
            b.add(50000 + i, "authentication", "user.session.start", office,
                  "s" + std::to_string(i), 1);
            b.add(100000 + i * 120, "authentication", "user.session.start", slow,
                  "s" + std::to_string(i), 2);
        }
        const auto all = b.run(*m_rules);
        const auto stuffing = ofKind(all, "credential_stuffing");
        const auto spraying = ofKind(all, "password_spraying");
        QCOMPARE(stuffing.size(), std::size_t(1));
        QVERIFY(stuffing[0]->ips.count("45.155.205.33"));
        QCOMPARE(spraying.size(), std::size_t(1));
        QVERIFY(spraying[0]->ips.count("193.42.33.7"));
    }

    void sshSuccessAfterFailuresRaisesSeverity()
    {
        Builder b = fresh();
        const auto a = b.ip("218.92.0.112", "CN", 32, 118, 4134);
        // Another network (sources of one /24 would be one campaign: tst_campaigns).
        const auto c = b.ip("61.177.172.13", "CN", 32, 118, 4134);
        for (int i = 0; i < 40; ++i) {
            b.add(i * 5, "authentication", "ssh_login", a, "root", 2);
            b.add(i * 5, "authentication", "ssh_login", c, "root", 2);
        }
        // The account the burst tried (a success for an account it did not try proves nothing).
        b.add(400, "authentication", "ssh_login", a, "root", 1);
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "ssh_bruteforce");
        QCOMPARE(found.size(), std::size_t(2));
        const Finding *withSuccess = found[0]->ips.count("218.92.0.112") ? found[0] : found[1];
        QVERIFY(!withSuccess->ips.count("61.177.172.13"));
        const Finding *without = withSuccess == found[0] ? found[1] : found[0];
        QVERIFY(withSuccess->severity() >= 80);
        QVERIFY(without->severity() < 60);
    }

    void mfaFatigue()
    {
        Builder b = fresh();
        const auto ip = b.ip("5.188.206.14", "RU", 59, 30, 49505, 4, "hosting");
        for (int i = 0; i < 6; ++i)
            b.add(i * 60, "authentication", "user.authentication.auth_via_mfa", ip, "frank", 2).mfa
                    = b.str("okta_verify_push:failure");
        b.add(600, "authentication", "user.authentication.auth_via_mfa", ip, "frank", 1).mfa
                = b.str("okta_verify_push:success");
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "mfa_fatigue");
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY(found[0]->severity() >= 80);
    }

    void torAdminIsHighDeveloperVmIsNot()
    {
        Builder b = fresh();
        const auto tor = b.ip("185.220.101.45", "DE", 51, 9, 60729, 4, "hosting");
        b.info("185.220.101.45").tor = true;
        const auto vm = b.ip("3.120.45.67", "DE", 50, 8, 16509, 4, "hosting");
        b.add(100, "iam", "user.account.privilege.grant", tor, "erin", 1);
        for (int day = 0; day < 5; ++day)
            b.add(day * 86400 + 50, "iam", "user.account.privilege.grant", vm, "dave", 1);
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "anonymiser_sensitive_action");
        QCOMPARE(found.size(), std::size_t(2));
        for (const Finding *f : found) {
            if (f->accounts.count("erin"))
                QVERIFY(f->severity() >= 80);
            else
                QVERIFY(f->severity() < 40);
        }
    }

    void userAgentsThroughUapCore()
    {
        const UserAgentParser &p = UserAgentParser::instance();
        if (!p.available())
            QSKIP("uap-core's regexes.yaml is not installed");
        QVERIFY(p.patterns() > 500);
        QCOMPARE(p.parse("python-requests/2.31.0").family, std::string("Python Requests"));
        QCOMPARE(p.parse("curl/8.5.0").family, std::string("curl"));
        const UserAgentInfo chrome = p.parse(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                "Chrome/130.0.0.0 Safari/537.36");
        QCOMPARE(chrome.family, std::string("Chrome"));
        QCOMPARE(chrome.major, 130);
        QCOMPARE(chrome.os, std::string("Windows"));
        QCOMPARE(p.parse("").family, std::string("Other"));
    }

    void tuningSuppressesByCidrAndAsn()
    {
        Finding f;
        f.rule = "stuffing";
        f.kind = "credential_stuffing";
        f.ips = {"203.0.113.7"};
        f.asns = {64500};
        TuningEntry cidr;
        cidr.id = 1;
        cidr.rule = QStringLiteral("stuffing");
        cidr.kind = TuningEntry::Kind::Cidr;
        cidr.value = QStringLiteral("203.0.113.0/24");
        QCOMPARE(Tuning::suppressing({cidr}, f), std::int64_t(1));
        cidr.value = QStringLiteral("203.0.114.0/24");
        QCOMPARE(Tuning::suppressing({cidr}, f), std::int64_t(0));
        TuningEntry asn = cidr;
        asn.id = 2;
        asn.kind = TuningEntry::Kind::Asn;
        asn.value = QStringLiteral("AS64500");
        QCOMPARE(Tuning::suppressing({asn}, f), std::int64_t(2));
        asn.rule = QStringLiteral("spraying");
        QCOMPARE(Tuning::suppressing({asn}, f), std::int64_t(0));
    }

    void newCountryOnlyAgainstALocatedBaseline()
    {
        Builder b = fresh();
        const auto unlocated = b.ip("198.51.100.7");
        const auto located = b.ip("81.2.69.160", "GB", 51.5, -0.1, 5089);
        for (int day = 0; day < 6; ++day)
            b.add(day * 86400 + 3600, "authentication", "user.session.start", unlocated, "amy", 1);
        b.add(7 * 86400, "authentication", "user.session.start", located, "amy", 1);
        const auto all = b.run(*m_rules);
        for (const Finding *f : ofKind(all, "baseline_deviation"))
            for (const Signal &sg : f->signalList)
                QVERIFY2(sg.name != "new_country" && sg.name != "new_network", f->title.c_str());
    }

    void baselineIsLearnedOverDays()
    {
        // Ten sign-ins on the first morning, a second network the next day: still learning.
        Builder b = fresh();
        const auto home = b.ip("91.64.77.12", "DE", 52.5, 13.4, 3209);
        const auto mobile = b.ip("109.40.64.9", "DE", 53.5, 10.0, 3320);
        for (int i = 0; i < 10; ++i)
            b.add(3600 + i * 60, "authentication", "user.session.start", home, "ben", 1);
        b.add(86400 + 3600, "authentication", "user.session.start", mobile, "ben", 1);
        const auto all = b.run(*m_rules);
        QVERIFY(ofKind(all, "baseline_deviation").empty());
    }

    void aFailedWebRequestIsNoSensitiveAction()
    {
        Builder b = fresh();
        const auto vm = b.ip("3.120.45.67", "DE", 50, 8, 16509, 4, "hosting");
        for (const char *path : {"/admin", "/admin/users/roles", "/api-tokens"}) {
            Ev &e = b.add(100, "web", "http_request", vm, "", 2); // 404: the outcome is a failure
            e.url = b.str(path);
            e.method = b.str("GET");
        }
        const auto all = b.run(*m_rules);
        QVERIFY(ofKind(all, "anonymiser_sensitive_action").empty());
    }

    void notEnrichedWhenNothingWasFound()
    {
        // Enrichment ran but found neither a place nor a network for the address.
        Builder b = fresh();
        const auto ip = b.ip("203.0.113.9");
        b.info("203.0.113.9").enriched = true;
        for (int i = 0; i < 12; ++i)
            b.add(i * 10, "authentication", "ssh_login", ip, "root", 2);
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "ssh_bruteforce");
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY(found[0]->hasCaveat("not_enriched"));
    }

    void scatteredTyposAreNoDistributedStuffing()
    {
        // 300 employees sign in every hour from their own addresses; each hour a hundred of them
        // mistype once. Counted over failing sources only the ratio is high, but the accounts are
        // known and no hour fails more than the others.
        Builder b = fresh();
        for (int hour = 0; hour < 6; ++hour)
            for (int u = 0; u < 300; ++u) {
                const auto ip
                        = b.ip("81.2." + std::to_string(u / 200) + "." + std::to_string(u % 200));
                const std::string user = "emp" + std::to_string(u);
                const bool typo = (u + hour * 37) % 3 == 0;
                b.add(hour * 3600 + u * 10, "authentication", "user.session.start",
                      typo ? b.ip("90.84.1." + std::to_string(u % 250)) : ip, user, typo ? 2 : 1);
            }
        const auto all = b.run(*m_rules);
        for (const Finding *f : ofKind(all, "credential_stuffing"))
            QVERIFY2(f->rule != "stuffing_distributed", f->title.c_str());
    }

private:
    std::optional<Rules> m_rules;
};

QTEST_GUILESS_MAIN(TestDetections)
#include "tst_detections.moc"
