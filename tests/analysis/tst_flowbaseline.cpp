// The flow rules' per-host baseline (long connections and large outbound transfers, after
// RITA's first-seen modifier): a destination one internal host reaches routinely, on several
// days and alike, scores down; the same connection or upload made once does not.

#include "analysis/analyzer.h"
#include "analysis/rules.h"
#include "common/analysisbuilder.h"

#include <QTest>

using namespace netcase;

using netcase::test::Builder;
using netcase::test::fresh;
using netcase::test::ofKind;

namespace {

const Finding *touching(const std::vector<Finding> &all, const char *kind, const char *ip)
{
    for (const Finding *f : ofKind(all, kind))
        if (f->ips.count(ip))
            return f;
    return nullptr;
}

bool has(const Finding *f, const char *name)
{
    for (const Signal &sg : f->signalList)
        if (sg.name == name)
            return true;
    return false;
}

struct Flows
{
    Builder b = fresh();
    Ev &flow(std::int64_t t,
             const std::string &src,
             std::int32_t dst,
             int port,
             std::int64_t out,
             std::int64_t in,
             std::int64_t durationS)
    {
        Ev &e = b.add(t, "network", "connection", b.ip(src), "", 0);
        e.dstIp = dst;
        e.dstPort = port;
        e.srcBytes = out;
        e.dstBytes = in;
        if (durationS >= 600)
            b.data.flowDurationUs[e.id] = durationS * 1000000;
        return e;
    }
};

} // namespace

class TestFlowBaseline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto r = Rules::defaults();
        QVERIFY(r);
        m_rules.emplace(*r);
    }

    void aDailyRemoteDesktopScoresBelowAOneOffShell()
    {
        Flows fl;
        auto &b = fl.b;
        // Two rented servers in the same data centre: one an engineer's own remote desktop, used
        // every working day for seven to nine hours; the other reached once, for eight hours.
        const auto rdp = b.ip("45.134.26.20", "NL", 52, 4, 210644, 4, "hosting");
        const auto shell = b.ip("45.134.26.9", "NL", 52, 4, 210644, 4, "hosting");
        for (int day = 0; day < 5; ++day)
            fl.flow(day * 86400 + 8 * 3600, "10.0.0.21", rdp, 3389, 90000000, 900000000,
                    7 * 3600 + day * 1800);
        fl.flow(2 * 86400 + 9 * 3600, "10.0.0.33", shell, 4444, 180000, 950000, 8 * 3600);
        const auto all = b.run(*m_rules);
        const Finding *daily = touching(all, "long_connection", "45.134.26.20");
        const Finding *once = touching(all, "long_connection", "45.134.26.9");
        QVERIFY(daily && once);
        QVERIFY(has(daily, "routine_destination"));
        QVERIFY(!has(daily, "rare_destination"));
        QVERIFY(!has(once, "routine_destination"));
        QCOMPARE(daily->details.value("days", 0), 5);
        QVERIFY2(once->severity() >= 60 && daily->severity() < 40,
                 qPrintable(QStringLiteral("once %1, daily %2")
                                    .arg(once->severity())
                                    .arg(daily->severity())));
    }

    void twoDaysAreNoRoutineNorIsAMuchLongerSession()
    {
        Flows fl;
        auto &b = fl.b;
        const auto a = b.ip("45.134.26.30", "NL", 52, 4, 210644, 4, "hosting");
        const auto c = b.ip("45.134.26.31", "NL", 52, 4, 210644, 4, "hosting");
        // Two days of use: too few to call routine.
        for (int day = 0; day < 2; ++day)
            fl.flow(day * 86400 + 8 * 3600, "10.0.0.22", a, 3389, 1000, 1000, 8 * 3600);
        // Short sessions of an hour on four days, then one of fourteen hours: the host knows the
        // server, but not sessions like this one (fewer than three days alike).
        fl.flow(0, "10.0.0.23", c, 22, 1000, 1000, 3600);
        fl.flow(86400, "10.0.0.23", c, 22, 1000, 1000, 3700);
        fl.flow(2 * 86400, "10.0.0.23", c, 22, 1000, 1000, 14 * 3600);
        fl.flow(3 * 86400 + 60000, "10.0.0.23", c, 22, 1000, 1000, 14 * 3600 + 600);
        const auto all = b.run(*m_rules);
        const Finding *two = touching(all, "long_connection", "45.134.26.30");
        const Finding *longer = touching(all, "long_connection", "45.134.26.31");
        QVERIFY(two && longer);
        QVERIFY(!has(two, "routine_destination"));
        QVERIFY(!has(longer, "routine_destination"));
    }

    void aSyncJobsBusyDayIsNotExfiltration()
    {
        Flows fl;
        auto &b = fl.b;
        const auto sync = b.ip("149.137.128.20", "US", 38, -122, 40401, 4, "hosting");
        const auto drop = b.ip("5.253.84.10", "NL", 52, 4, 44477, 4, "hosting");
        const auto known = b.ip("5.253.84.11", "NL", 52, 4, 44477, 4, "hosting");
        // A workstation syncs 500-900 MB a day to its storage provider; on one day 1.6 GB.
        for (int day = 0; day < 6; ++day)
            fl.flow(day * 86400 + 3600, "10.0.0.9", sync, 443,
                    day == 4 ? 1600000000 : 500000000 + day * 80000000, 2000000, 1200);
        // Another sends 40 MB a day to a server it knows, then 6 GB: far above its baseline.
        for (int day = 0; day < 6; ++day)
            fl.flow(day * 86400 + 7200, "10.0.0.41", known, 443, day == 5 ? 6000000000 : 40000000,
                    1000000, 900);
        // A third uploads 6.9 GB to a server it never used.
        fl.flow(3 * 86400 + 80000, "10.0.0.42", drop, 443, 6900000000, 4000000, 3500);
        const auto all = b.run(*m_rules);
        const Finding *busy = touching(all, "large_transfer", "149.137.128.20");
        const Finding *spike = touching(all, "large_transfer", "5.253.84.11");
        const Finding *first = touching(all, "large_transfer", "5.253.84.10");
        QVERIFY(busy && spike && first);
        QVERIFY(has(busy, "routine_destination"));
        QVERIFY(!has(busy, "scheduled_transfer")); // one day over the gigabyte, not three
        QVERIFY(!has(spike, "routine_destination"));
        QCOMPARE(busy->details.value("days_sending", 0), 6);
        QVERIFY2(busy->severity() < 40, std::to_string(busy->severity()).c_str());
        QVERIFY2(spike->severity() >= 50, std::to_string(spike->severity()).c_str());
        QVERIFY2(first->severity() >= 60, std::to_string(first->severity()).c_str());
    }

private:
    std::optional<Rules> m_rules;
};

QTEST_GUILESS_MAIN(TestFlowBaseline)
#include "tst_flowbaseline.moc"
