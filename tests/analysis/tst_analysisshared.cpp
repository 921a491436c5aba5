// The structures the detections share since they run side by side: the groupings by account and
// address, the context's per-entity facts, and the result of a parallel run, which must equal a
// serial one finding for finding.

#include "analysis/analyzer.h"
#include "analysis/context.h"
#include "analysis/grouping.h"
#include "analysis/rules.h"
#include "case/casefile.h"
#include "case/sqlite.h"
#include "common/testutil.h"
#include "store/eventstore.h"

#include <QTest>

#include <random>

using namespace netcase;

namespace {

constexpr std::int64_t kS = 1000000;
constexpr std::int64_t kDay = 86400;

struct Data
{
    Dataset d;
    Data()
    {
        d.strs.emplace_back();
        d.ips.emplace_back();
    }
    std::int32_t str(const std::string &s)
    {
        d.strs.push_back(s);
        return std::int32_t(d.strs.size() - 1);
    }
    std::int32_t
    ip(const std::string &a, const std::string &country, std::int64_t asn, int family = 4)
    {
        AnalysisIp i;
        i.ip = a;
        i.family = family;
        i.enriched = !country.empty();
        i.hasGeo = !country.empty();
        i.country = country;
        i.asn = asn;
        d.ips.push_back(i);
        return std::int32_t(d.ips.size() - 1);
    }
    Ev &add(std::int64_t tsS, std::int32_t ip, std::int32_t user, int outcome, std::uint16_t flags)
    {
        Ev e;
        e.id = std::int64_t(d.events.size()) + 1;
        e.ts = tsS * kS;
        e.ip = ip;
        e.user = user;
        e.outcome = std::uint8_t(outcome);
        e.flags = flags;
        d.events.push_back(e);
        return d.events.back();
    }
};

std::string describe(const Finding &f)
{
    nlohmann::json j
            = {{"kind", f.kind},         {"rule", f.rule},           {"key", f.key},
               {"title", f.title},       {"severity", f.severity()}, {"ips", f.ips},
               {"accounts", f.accounts}, {"evidence", f.evidence},   {"details", f.details}};
    for (const Signal &s : f.signalList)
        j["signals"].push_back({s.name, s.weight, s.detail});
    for (const Caveat &c : f.caveats)
        j["caveats"].push_back({c.code, c.text});
    return j.dump();
}

} // namespace

class TestAnalysisShared : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupingKeepsTimeOrderAndSkipsNone()
    {
        Data x;
        const auto a = x.str("a");
        const auto b = x.str("b");
        x.add(1, 0, b, 1, kAuth);
        x.add(2, 0, 0, 1, kAuth); // no account: in no group
        x.add(3, 0, a, 1, kAuth);
        x.add(4, 0, b, 1, kAuth);
        const Grouping g
                = Grouping::build(x.d.events, x.d.strs.size(), [](const Ev &e) { return e.user; });
        QCOMPARE(g.keys(), x.d.strs.size());
        QCOMPARE(g[a].size(), std::size_t(1));
        QCOMPARE(g[a][0], 2U);
        QCOMPARE(g[b].size(), std::size_t(2));
        QCOMPARE(g[b][0], 0U);
        QCOMPARE(g[b][1], 3U);
        QVERIFY(g[0].empty());
        QVERIFY(g[99].empty());
        int seen = 0;
        g.forEach(x.d.events, b, [&](const Ev &e) { seen += int(e.ts / kS); });
        QCOMPARE(seen, 5);
    }

    void contextFacts()
    {
        auto rules = Rules::defaults();
        QVERIFY(rules);
        Data x;
        const auto ann = x.str("ann");
        const auto bob = x.str("bob");
        const auto de1 = x.ip("91.64.1.1", "DE", 3209);
        const auto de2 = x.ip("91.64.1.2", "DE", 3209); // same network as de1
        const auto fr = x.ip("80.12.1.1", "FR", 3215);
        const auto v6 = x.ip("2a02:8108::1", "FR", 3215, 6);
        // ann: two days on AS3209 through two addresses, one on AS3215; DE and FR tie at two
        // sign-ins each, so the alphabetically first wins.
        x.add(1 * kDay, de1, ann, 1, kAuth);
        x.add(1 * kDay + 60, de2, ann, 1, kAuth);
        x.add(2 * kDay, de2, ann, 1, kAuth);
        x.add(3 * kDay, fr, ann, 1, kAuth);
        x.add(3 * kDay + 60, fr, ann, 1, kAuth);
        // bob: only failures from de1 and a success over IPv6.
        x.add(4 * kDay, de1, bob, 2, kAuth);
        x.add(4 * kDay + 60, v6, bob, 1, kAuth);
        x.add(4 * kDay + 120, fr, bob, 1, kAuth);
        const AnalysisContext ctx(x.d, *rules);
        QCOMPARE(ctx.daysOnNetwork(ann, de1), 2);
        QCOMPARE(ctx.daysOnNetwork(ann, de2), 2);
        QCOMPARE(ctx.daysOnNetwork(ann, fr), 1);
        QCOMPARE(ctx.daysOnNetwork(bob, de1), 1);
        QCOMPARE(ctx.daysOnNetwork(ann, 0), 0);
        QCOMPARE(ctx.homeCountry(ann), std::string("DE"));
        QCOMPARE(ctx.homeCountry(bob), std::string("FR"));
        QCOMPARE(ctx.accountsOnIp(de1), 1); // bob only failed there
        QCOMPARE(ctx.accountsOnIp(fr), 2);
        QVERIFY(ctx.usesBothFamilies(bob));
        QVERIFY(!ctx.usesBothFamilies(ann));
        QCOMPARE(ctx.userId("bob"), bob);
        QCOMPARE(ctx.ipId("80.12.1.1"), fr);
    }

    void loadReadsLargeIdRangesInTwoHalves()
    {
        // Ids far apart make the loader split the range over two connections; inside an open
        // transaction it must read on its own connection to see the uncommitted events.
        CaseInfo info;
        info.title = QStringLiteral("split load");
        auto c = CaseFile::create(test::tempPath(QStringLiteral("splitload.netcase")), info);
        QVERIFY(c);
        Database &db = c->db();
        QVERIFY(db.exec("INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                        "VALUES(1, 's', 's', 'x', 0, 'test', 'now');"
                        "INSERT INTO strs(id, s) VALUES(1, 'authentication'), (2, 'ann');"));
        // Events by id straight into the store: an authentication of ann (strs 1 and 2).
        auto store = [&](std::int64_t id, std::int64_t line, std::int64_t ts, int outcome) {
            EventInts row;
            row.fill(kNull);
            row[ColLine] = line;
            row[ColTs] = ts;
            row[ColOutcome] = outcome;
            row[ColCategory] = 1;
            row[ColUser] = 2;
            EventStoreWriter w(db, 1, id);
            return w.append(row, {}, true).ok() && w.finish().ok();
        };
        QVERIFY(store(1, 1, 3000000, 1) && store(250000, 2, 1000000, 2)
                && store(500000, 3, 2000000, 1));
        auto rules = Rules::defaults();
        QVERIFY(rules);
        auto d = Dataset::load(db, *rules);
        QVERIFY(d);
        QCOMPARE(d->events.size(), std::size_t(3));
        QCOMPARE(d->events[0].id, std::int64_t(250000));
        QCOMPARE(d->events[1].id, std::int64_t(500000));
        QCOMPARE(d->events[2].id, std::int64_t(1));
        QVERIFY(d->events[0].flags & kAuth);
        QCOMPARE(d->str(d->events[2].user), std::string("ann"));

        Transaction txn(db);
        QVERIFY(store(900000, 4, 4000000, 1));
        auto inside = Dataset::load(db, *rules);
        QVERIFY(inside);
        QCOMPARE(inside->events.size(), std::size_t(4));
        QCOMPARE(inside->events[3].id, std::int64_t(900000));
    }

    void parallelRunEqualsSerialRun()
    {
        auto rules = Rules::defaults();
        QVERIFY(rules);
        // Accounts at home, a stuffing source, a spraying source, a burst of failures, SSH
        // guessing, MFA denials and travel between far places, shuffled in time.
        Data x;
        std::mt19937 rng(7);
        std::vector<std::int32_t> users;
        for (int u = 0; u < 120; ++u)
            users.push_back(x.str("user" + std::to_string(u)));
        const char *countries[] = {"DE", "US", "JP", "BR"};
        const double lat[] = {52.5, 40.7, 35.7, -23.5};
        const double lon[] = {13.4, -74.0, 139.7, -46.6};
        std::vector<std::int32_t> ips;
        for (int i = 0; i < 200; ++i) {
            ips.push_back(
                    x.ip("203.0." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1),
                         countries[i % 4], 64500 + i % 13));
            AnalysisIp &info = x.d.ips.back();
            info.lat = lat[i % 4];
            info.lon = lon[i % 4];
            info.accuracyKm = 20;
            info.hosting = i % 17 == 0;
        }
        for (int n = 0; n < 6000; ++n) {
            const auto u = users[rng() % users.size()];
            const auto ip = ips[(std::size_t(u) * 3 + rng() % 5) % ips.size()];
            x.add(std::int64_t(rng() % (20 * kDay)), ip, u, rng() % 10 < 2 ? 2 : 1, kAuth);
        }
        for (int n = 0; n < 80; ++n) // stuffing: many accounts, fast, failing
            x.add(5 * kDay + n * 2, ips[7], users[std::size_t(n) % users.size()], 2, kAuth);
        for (int n = 0; n < 40; ++n) // spraying: slow
            x.add(9 * kDay + n * 300, ips[8], users[std::size_t(n)], 2, kAuth);
        for (int n = 0; n < 30; ++n) // SSH guessing
            x.add(11 * kDay + n, ips[9], users[0], 2, kAuth | kSsh | kInvalidUser);
        for (int n = 0; n < 8; ++n) // MFA fatigue
            x.add(12 * kDay + n * 30, ips[10], users[1], 2, kMfa | kMfaDenied);
        x.add(12 * kDay + 300, ips[10], users[1], 1, kMfa);
        x.d.sortByTime();

        const auto serial = Analyzer::detect(x.d, *rules, {}, nullptr, 1);
        const auto parallel = Analyzer::detect(x.d, *rules, {}, nullptr, 4);
        QVERIFY(serial.size() > 5);
        QCOMPARE(parallel.size(), serial.size());
        std::set<std::string> kinds;
        for (std::size_t i = 0; i < serial.size(); ++i) {
            QCOMPARE(describe(parallel[i]), describe(serial[i]));
            kinds.insert(serial[i].kind);
        }
        QVERIFY(kinds.size() >= 4);
        // Cancelled before it starts: nothing.
        std::atomic<bool> cancel{true};
        QVERIFY(Analyzer::detect(x.d, *rules, {}, &cancel, 2).empty());
    }
};

QTEST_GUILESS_MAIN(TestAnalysisShared)
#include "tst_analysisshared.moc"
