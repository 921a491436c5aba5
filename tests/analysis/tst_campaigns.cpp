// Issue 21's remaining parts on small in-memory datasets: a fleet of one scripted client is one
// finding, not one per address; stuffing and spraying are told apart by the accounts tried; a
// DDoS is scored by what the sources ask for; RITA's long-connection and data-size analyses and
// rare ports, each beside its benign look-alike.

#include "analysis/rules.h"
#include "analysis/subsume.h"
#include "analysis/useragent.h"
#include "common/analysisbuilder.h"

#include <QTest>

using namespace netcase;
using netcase::test::Builder;
using netcase::test::fresh;
using netcase::test::ofKind;

namespace {

/// A web request with its path, method, status outcome and user agent.
Ev &request(Builder &b,
            std::int64_t tsS,
            std::int32_t ip,
            const std::string &user,
            const std::string &method,
            const std::string &path,
            int outcome,
            const std::string &agent)
{
    Ev &e = b.add(tsS, "web", "http_request", ip, user, outcome);
    e.method = b.str(method);
    e.url = b.str(path);
    e.ua = b.str(agent);
    return e;
}

std::string addr(int a, int b, int c, int d)
{
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "."
           + std::to_string(d);
}

} // namespace

class TestCampaigns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto r = Rules::defaults();
        QVERIFY(r);
        m_rules.emplace(*r);
    }

    void aFleetOfOneClientIsOneFinding()
    {
        if (!UserAgentParser::instance().available())
            QSKIP("uap-core's regexes.yaml is not installed");
        Builder b = fresh();
        // 40 unrelated addresses post to the login form with python-requests within an hour,
        // as a bot fleet does; each alone would be a finding.
        for (int i = 0; i < 40; ++i)
            request(b, 1000 + i * 60, b.ip(addr(20 + i, i, 7, 9)), "", "POST", "/login", 2,
                    "python-requests/2.31.0");
        // A second, smaller fleet of the same client two days later.
        for (int i = 0; i < 6; ++i)
            request(b, 2 * 86400 + i * 300, b.ip(addr(120 + i, 3, 1, 1)), "", "POST", "/login", 2,
                    "python-requests/2.32.3");
        // One curl source alone, and a lone python-requests source a day after the fleet: their
        // own findings, not members of a campaign they were not part of.
        request(b, 40000, b.ip("198.51.100.7"), "dave", "POST", "/login", 1, "curl/8.5.0");
        request(b, 86400 + 5000, b.ip("203.0.113.20"), "bob", "POST", "/login", 1,
                "python-requests/2.31.0");
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "user_agent_anomaly");
        QCOMPARE(found.size(), std::size_t(4));
        const Finding *big = nullptr, *small = nullptr;
        for (const Finding *f : found) {
            if (f->ips.size() == 40)
                big = f;
            else if (f->ips.size() == 6)
                small = f;
            else
                QCOMPARE(f->ips.size(), std::size_t(1));
        }
        QVERIFY(big && small);
        QCOMPARE(big->title, std::string("Scripted client Python Requests from 40 addresses: "
                                         "40 requests"));
        QCOMPARE(big->details["members"].size(), std::size_t(40));
        QCOMPARE(big->evidence.size(), std::size_t(40));
        QVERIFY(big->hasCaveat("shared_agent"));
        // Severity scales with the evidence: forty sources weigh more than six.
        QVERIFY2(big->severity() > small->severity(),
                 (std::to_string(big->severity()) + " vs " + std::to_string(small->severity()))
                         .c_str());
    }

    void aFleetListsItsBusiestMembers()
    {
        if (!UserAgentParser::instance().available())
            QSKIP("uap-core's regexes.yaml is not installed");
        Builder b = fresh();
        auto json = m_rules->json();
        json["rules"]["user_agent"]["max_members_listed"] = 3;
        const Rules rules(json);
        for (int i = 0; i < 10; ++i)
            for (int k = 0; k <= i; ++k)
                request(b, 1000 + i * 60 + k, b.ip(addr(30 + i, 1, 1, 1)), "", "POST", "/login", 2,
                        "curl/8.4.0");
        const auto all = b.run(rules);
        const auto found = ofKind(all, "user_agent_anomaly");
        QCOMPARE(found.size(), std::size_t(1));
        const auto &members = found[0]->details["members"];
        QCOMPARE(members.size(), std::size_t(3));
        QCOMPARE(found[0]->details["members_total"].get<std::size_t>(), std::size_t(10));
        QCOMPARE(members[0]["attempts"].get<std::size_t>(), std::size_t(10));
        QCOMPARE(found[0]->evidence.size(), std::size_t(55));
    }

    void burstsInsideACampaignAreFoldedIntoIt()
    {
        auto finding = [](const char *kind, const char *title, int weight, int from, int to) {
            Finding f;
            f.kind = kind;
            f.key = title;
            f.title = title;
            f.addSignal("s", weight, "");
            for (int id = from; id <= to; ++id)
                f.evidence.push_back(id);
            return f;
        };
        std::vector<Finding> all;
        all.push_back(finding("credential_stuffing", "campaign", 80, 1, 10));
        all.push_back(finding("failed_login_burst", "inside", 40, 1, 5));
        // An event the campaign does not cite (a success after the failures): kept.
        all.push_back(finding("failed_login_burst", "own event", 40, 4, 11));
        // More severe than the campaign: kept.
        all.push_back(finding("failed_login_burst", "stronger", 90, 1, 3));
        // Inside the campaign and inside another burst: folded into the campaign (a burst never
        // holds another).
        all.push_back(finding("failed_login_burst", "inside a burst", 30, 4, 5));
        QCOMPARE(foldCoveredFindings(all), std::size_t(2));
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[0].title, std::string("campaign"));
        QCOMPARE(all[1].title, std::string("own event"));
        QCOMPARE(all[2].title, std::string("stronger"));
        const auto &covers = all[0].details["covers"];
        QCOMPARE(covers.size(), std::size_t(2));
        QCOMPARE(covers[0]["title"].get<std::string>(), std::string("inside"));
        QCOMPARE(covers[1]["kind"].get<std::string>(), std::string("failed_login_burst"));
    }

    void scriptedClientsOfACampaignAreFoldedIntoIt()
    {
        auto finding = [](const char *kind, const char *rule, const char *title, int weight,
                          int from, int to) {
            Finding f;
            f.kind = kind;
            f.rule = rule;
            f.key = title;
            f.title = title;
            f.addSignal("s", weight, "");
            for (int id = from; id <= to; ++id)
                f.evidence.push_back(id);
            return f;
        };
        std::vector<Finding> all;
        all.push_back(finding("credential_stuffing", "stuffing", "campaign", 95, 1, 20));
        all.push_back(finding("impossible_travel", "impossible_travel", "travel", 90, 30, 33));
        // The bots' clients, each on part of the campaign's attempts: folded.
        all.push_back(finding("user_agent_anomaly", "user_agent.scripted", "python", 45, 1, 10));
        all.push_back(finding("user_agent_anomaly", "user_agent.scripted", "go", 35, 11, 20));
        // A client that also made an API call the campaign does not cite: kept.
        all.push_back(finding("user_agent_anomaly", "user_agent.scripted", "api call", 40, 19, 21));
        // The intruder's script after an impossible travel: a fact of its own, kept.
        all.push_back(finding("user_agent_anomaly", "user_agent.scripted", "intruder", 40, 32, 33));
        // A session changing clients is no property of the campaign: kept.
        all.push_back(
                finding("user_agent_anomaly", "user_agent.session_change", "session", 45, 2, 3));
        QCOMPARE(foldCoveredFindings(all), std::size_t(2));
        QCOMPARE(all.size(), std::size_t(5));
        for (const Finding &f : all)
            QVERIFY2(f.title != "python" && f.title != "go", f.title.c_str());
        const auto &covers = all[0].details["covers"];
        QCOMPARE(covers.size(), std::size_t(2));
        QCOMPARE(covers[0]["kind"].get<std::string>(), std::string("user_agent_anomaly"));
        QCOMPARE(covers[1]["title"].get<std::string>(), std::string("go"));
        QVERIFY(!all[1].details.contains("covers"));
    }

    void sshSourcesOfOneNetworkAreOneCampaign()
    {
        Builder b = fresh();
        // Three addresses of one /24 guess passwords in the same hour (10, 40 and 286 attempts);
        // the busiest gets in as deploy. Another /24, and the same /24 three days later, are
        // findings of their own.
        const int counts[] = {10, 40, 286};
        for (int s = 0; s < 3; ++s) {
            const auto ip = b.ip(addr(218, 92, 0, 110 + s), "CN", 32, 118, 4134, 4, "hosting");
            for (int i = 0; i < counts[s]; ++i)
                b.add(1000 + s * 300 + i * 5, "authentication", "ssh_login", ip,
                      i % 2 ? "root" : "deploy", 2);
        }
        b.add(1000 + 600 + 286 * 5 + 60, "authentication", "ssh_login", b.ip("218.92.0.112"),
              "deploy", 1);
        const auto other = b.ip("61.177.172.13", "CN", 31, 121, 4812, 4, "hosting");
        const auto later = b.ip("218.92.0.200", "CN", 32, 118, 4134, 4, "hosting");
        for (int i = 0; i < 20; ++i) {
            b.add(2000 + i * 5, "authentication", "ssh_login", other, "root", 2);
            b.add(3 * 86400 + i * 5, "authentication", "ssh_login", later, "root", 2);
        }
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "ssh_bruteforce");
        QCOMPARE(found.size(), std::size_t(3));
        const Finding *net = nullptr;
        for (const Finding *f : found)
            if (f->ips.size() > 1)
                net = f;
        QVERIFY(net);
        QCOMPARE(net->title, std::string("SSH brute force from 3 addresses of 218.92.0.0/24 (336 "
                                         "failed attempts, then accepted login for deploy from "
                                         "218.92.0.112)"));
        QCOMPARE(net->details["members"].size(), std::size_t(3));
        QCOMPARE(net->details["members"][2]["attempts"].get<std::size_t>(), std::size_t(286));
        QCOMPARE(net->evidence.size(), std::size_t(337));
        QVERIFY(net->severity() >= 80);
        for (const Finding *f : found)
            if (f != net)
                QCOMPARE(f->ips.size(), std::size_t(1));
    }

    void accountsJumpingBetweenTheSamePairAreOneFinding()
    {
        Builder b = fresh();
        // Five colleagues alternate between the Frankfurt office and the Ashburn VPN exit within
        // half an hour, twice a day for two days; a sixth does the same and then changes roles
        // from the exit; two others share a pair of their own.
        const auto office = b.ip("81.2.69.10", "DE", 50.1, 8.7, 3320);
        const auto vpn = b.ip("52.4.10.20", "US", 39.0, -77.5, 14618);
        const auto paris = b.ip("90.84.1.1", "FR", 48.9, 2.35, 3215);
        const auto tokyo = b.ip("126.1.1.1", "JP", 35.7, 139.7, 17676);
        for (int u = 0; u < 6; ++u)
            for (int day = 0; day < 2; ++day)
                for (int k = 0; k < 2; ++k) {
                    const std::int64_t t = day * 86400 + 8 * 3600 + u * 60 + k * 1800;
                    b.add(t, "authentication", "user.session.start", office,
                          "emp" + std::to_string(u), 1);
                    b.add(t + 900, "authentication", "user.session.start", vpn,
                          "emp" + std::to_string(u), 1);
                }
        Ev &roles = b.add(8 * 3600 + 5 * 60 + 960, "iam", "role.change", vpn, "emp5", 1);
        roles.url = b.str("/admin/users/roles");
        for (int u = 0; u < 2; ++u) {
            b.add(3600 + u * 60, "authentication", "user.session.start", paris,
                  "ext" + std::to_string(u), 1);
            b.add(3600 + u * 60 + 1200, "authentication", "user.session.start", tokyo,
                  "ext" + std::to_string(u), 1);
        }
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "impossible_travel");
        const Finding *pair = nullptr;
        std::size_t alone = 0;
        for (const Finding *f : found) {
            if (f->accounts.size() > 1)
                pair = f;
            else
                ++alone;
        }
        QVERIFY(pair);
        QCOMPARE(pair->accounts.size(), std::size_t(5));
        QVERIFY(!pair->accounts.count("emp5"));
        QCOMPARE(pair->details["members"].size(), std::size_t(5));
        QVERIFY2(pair->title.rfind("5 accounts between 52.4.10.20 and 81.2.69.10: ", 0) == 0,
                 pair->title.c_str());
        bool shared = false;
        for (const Signal &sg : pair->signalList)
            shared = shared || sg.name == "shared_address_pair";
        QVERIFY(shared);
        // emp5 (a sensitive action after its jump) and the two of the other pair stay apart, at
        // their own severity; the shared pair is below medium.
        QCOMPARE(alone, std::size_t(3));
        QVERIFY2(pair->severity() < 40, std::to_string(pair->severity()).c_str());
        qInfo("shared pair %d: %s", pair->severity(), pair->title.c_str());
        for (const Finding *f : found)
            if (f != pair)
                qInfo("alone %d: %s", f->severity(), f->title.c_str());
        for (const Finding *f : found)
            if (f->accounts.count("ext0") || f->accounts.count("emp5"))
                QVERIFY2(f->severity() >= 60, f->title.c_str());
    }

    void stuffingAndSprayingByAccountsNotPace()
    {
        // A slow run through a list of names the case never saw sign in is stuffing; a fast
        // pass over the organisation's own accounts, once each, is spraying.
        Builder b = fresh();
        const auto slow = b.ip("45.155.205.33", "NL", 52, 4, 49505, 4, "hosting");
        const auto fast = b.ip("193.42.33.7", "RU", 55, 37, 50340, 4, "hosting");
        for (int i = 0; i < 30; ++i) {
            const std::string staff = "staff" + std::to_string(i);
            b.add(1000 + i * 30, "authentication", "user.session.start",
                  b.ip(addr(81, 2, 1, 10 + i), "GB", 51, 0, 5089), staff, 1);
            b.add(10000 + i * 120, "authentication", "user.session.start", slow,
                  "leaked" + std::to_string(i) + "@mail.example", 2);
            b.add(20000 + i * 2, "authentication", "user.session.start", fast, staff, 2);
        }
        const auto all = b.run(*m_rules);
        const auto stuffing = ofKind(all, "credential_stuffing");
        const auto spraying = ofKind(all, "password_spraying");
        QCOMPARE(stuffing.size(), std::size_t(1));
        QVERIFY(stuffing[0]->ips.count("45.155.205.33"));
        QCOMPARE(spraying.size(), std::size_t(1));
        QVERIFY(spraying[0]->ips.count("193.42.33.7"));
    }

    void stuffingStaysStuffingWhenSignInsTriple()
    {
        // A list mixing a few real customers into names from elsewhere, with three times as
        // many customers signing in normally: the share of unknown names and one attempt each
        // keep it stuffing.
        for (const int scale : {1, 3}) {
            Builder b = fresh();
            const auto bot = b.ip("45.155.205.33", "NL", 52, 4, 49505, 4, "hosting");
            for (int c = 0; c < 100 * scale; ++c)
                b.add(100 + c * 7, "authentication", "user.session.start",
                      b.ip(addr(90, 84, c / 200, 1 + c % 200), "FR", 48, 2, 3215),
                      "cust" + std::to_string(c), 1);
            for (int i = 0; i < 80; ++i) {
                const std::string name = i % 4 == 0 ? "cust" + std::to_string(i)
                                                    : "user" + std::to_string(i * 7919 % 100000);
                b.add(5000 + i, "authentication", "user.session.start", bot, name, 2);
            }
            const auto all = b.run(*m_rules);
            QVERIFY2(ofKind(all, "password_spraying").empty(), std::to_string(scale).c_str());
            QCOMPARE(ofKind(all, "credential_stuffing").size(), std::size_t(1));
        }
    }

    void ddosIsScoredByWhatTheSourcesAsk()
    {
        // A flood: 300 new sources hammer "/" with cache-busting queries, get 503s, name no
        // referrer. A flash crowd: 300 new readers follow a link, browse pages and get them.
        Builder b = fresh();
        const std::vector<std::string> pages{"/",     "/products",    "/products/lamp",
                                             "/cart", "/blog/launch", "/search?q=lamp"};
        for (int i = 0; i < 300; ++i) {
            const auto bot = b.ip(addr(36 + i % 50, i, 1, 1), "CN", 30, 110, 4000 + i % 40);
            const auto reader = b.ip(addr(81 + i % 50, i, 2, 2), "GB", 51, 0, 5000 + i % 40);
            for (int k = 0; k < 4; ++k) {
                Ev &flood = request(b, 960 + (i + k * 7) % 60, bot, "", "GET",
                                    "/?r=" + std::to_string(i * 4 + k), 2, "Mozilla/5.0");
                b.data.referrer[flood.id] = false;
                Ev &visit = request(b, 90000 + (i + k * 7) % 60, reader, "", "GET",
                                    pages[std::size_t(i + k) % pages.size()], 1, "Mozilla/5.0");
                b.data.referrer[visit.id] = k > 0 || i % 10 != 0;
            }
        }
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "ddos");
        QCOMPARE(found.size(), std::size_t(2));
        const Finding *flood = found[0]->firstTs < found[1]->firstTs ? found[0] : found[1];
        const Finding *crowd = flood == found[0] ? found[1] : found[0];
        QVERIFY2(flood->severity() >= 60, std::to_string(flood->severity()).c_str());
        QVERIFY2(crowd->severity() < 40, std::to_string(crowd->severity()).c_str());
    }

    void longConnectionsLargeTransfersRarePorts()
    {
        Builder b = fresh();
        const auto shell = b.ip("45.134.26.9", "RU", 55, 37, 210644, 4, "hosting");
        const auto drop = b.ip("5.253.84.10", "NL", 52, 4, 44477, 4, "hosting");
        const auto backup = b.ip("149.137.128.10", "US", 38, -122, 40401, 4, "hosting");
        const auto zoom = b.ip("170.114.52.2", "US", 37, -121, 30103, 4, "business");
        const auto rat = b.ip("193.149.129.7", "SC", -4, 55, 204428, 4, "hosting");
        const auto lic = b.ip("52.29.10.77", "DE", 50, 8, 16509, 4, "hosting");
        auto flow = [&](std::int64_t t, const std::string &src, std::int32_t dst, int port,
                        std::int64_t out, std::int64_t in, std::int64_t durationS) -> Ev & {
            Ev &e = b.add(t, "network", "connection", b.ip(src), "", 0);
            e.dstIp = dst;
            e.dstPort = port;
            e.srcBytes = out;
            e.dstBytes = in;
            if (durationS >= 600)
                b.data.flowDurationUs[e.id] = durationS * 1000000;
            return e;
        };
        flow(3600, "10.0.0.33", shell, 4444, 180000, 950000, 36000); // ten hours
        for (int day = 0; day < 5; ++day) {
            for (int h = 0; h < 12; ++h) // video calls: many hosts, 1-3 h
                flow(day * 86400 + 36000 + h * 60, "10.0.1." + std::to_string(h), zoom, 8801,
                     400000000, 600000000, 3600 + h * 600);
            flow(day * 86400 + 7200, "10.0.0.9", backup, 443, 8000000000, 9000000, 2400);
        }
        for (int k = 0; k < 3; ++k)
            flow(3 * 86400 + 80000 + k * 1200, "10.0.0.41", drop, 443, 2300000000, 4000000, 1150);
        for (int k = 0; k < 30; ++k) {
            flow(2 * 86400 + 32400 + k * 900 + (k * 37) % 600, "10.0.0.52", rat, 6667, 900, 3000,
                 5);
            for (int h = 0; h < 20; ++h) // a licence server all engineers use
                flow(2 * 86400 + 30000 + k * 1000 + h, "10.0.2." + std::to_string(h), lic, 27000,
                     500, 500, 1);
        }
        const auto all = b.run(*m_rules);
        auto worst = [&](const std::string &kind, const std::string &ip) {
            int s = -1;
            for (const Finding *f : ofKind(all, kind))
                if (f->ips.count(ip))
                    s = std::max(s, f->severity());
            return s;
        };
        QVERIFY(worst("long_connection", "45.134.26.9") >= 60);
        QVERIFY(worst("long_connection", "170.114.52.2") < 40); // video calls
        QVERIFY(worst("large_transfer", "5.253.84.10") >= 60);
        const int backupScore = worst("large_transfer", "149.137.128.10");
        QVERIFY2(backupScore >= 0 && backupScore < 40, std::to_string(backupScore).c_str());
        QVERIFY(worst("large_transfer", "170.114.52.2") < 0); // under a gigabyte a day each
        QVERIFY(worst("rare_port", "193.149.129.7") >= 40);
        QVERIFY(worst("rare_port", "52.29.10.77") < 0); // twenty hosts use that port
    }

private:
    std::optional<Rules> m_rules;
};

QTEST_GUILESS_MAIN(TestCampaigns)
#include "tst_campaigns.moc"
