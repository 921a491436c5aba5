// Beaconing (rule 10): RITA v5's four scores (intervals, sizes, the hourly connection histogram
// with its bimodal fit, duration) on generated flow series.

#include "analysis/analyzer.h"
#include "analysis/beaconscore.h"
#include "analysis/rules.h"
#include "common/analysisbuilder.h"

#include <QTest>

using namespace netcase;

using netcase::test::Builder;
using netcase::test::fresh;
using netcase::test::kS;
using netcase::test::ofKind;

namespace {

bool has(const Finding *f, const char *name)
{
    for (const Signal &sg : f->signalList)
        if (sg.name == name)
            return true;
    return false;
}

std::vector<std::int64_t> hours(const std::vector<int> &perHour)
{
    std::vector<std::int64_t> ts;
    for (std::size_t h = 0; h < perHour.size(); ++h)
        for (int i = 0; i < perHour[h]; ++i)
            ts.push_back(std::int64_t(h) * 3600 * kS + std::int64_t(i) * 3600 * kS / perHour[h]);
    return ts;
}

} // namespace

class TestBeacons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        auto r = Rules::defaults();
        QVERIFY(r);
        m_rules.emplace(*r);
    }

    void beaconingButNotNtp()
    {
        Builder b = fresh();
        const auto c2 = b.ip("185.225.69.24", "MD", 47, 28, 200019, 4, "hosting");
        const auto ntp = b.ip("162.159.200.1", "US", 37, -122, 13335, 4, "hosting");
        const auto host = b.ip("10.1.1.5");
        std::int64_t t = 0;
        for (int i = 0; i < 60; ++i) {
            t += 300 + (i % 5) * 3 - 6;
            Ev &e = b.add(t, "network", "connection", host, "", 0);
            e.dstIp = c2;
            e.dstPort = 443;
            e.srcBytes = 1200 + (i % 7);
            Ev &n = b.add(t + 7, "network", "connection", host, "", 0);
            n.dstIp = ntp;
            n.dstPort = 123;
            n.srcBytes = 48;
        }
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "beaconing");
        QCOMPARE(found.size(), std::size_t(2));
        for (const Finding *f : found) {
            if (f->ips.count("162.159.200.1"))
                QVERIFY2(f->severity() < 40, "NTP must not dominate");
            else
                QVERIFY(f->severity() >= 60);
        }
    }

    void aBurstIsNotABeaconAnHourlyBeaconIs()
    {
        Builder b = fresh();
        const auto host = b.ip("10.1.1.5");
        const auto burst = b.ip("185.225.69.30", "MD", 47, 28, 200019, 4, "hosting");
        const auto c2 = b.ip("185.225.69.24", "MD", 47, 28, 200019, 4, "hosting");
        // 40 connections half a second apart: a burst (a page load, a scan), not a beacon.
        for (int i = 0; i < 40; ++i) {
            Ev &e = b.add(1000, "network", "connection", host, "", 0);
            e.ts += i * kS / 2;
            e.dstIp = burst;
            e.dstPort = 443;
            e.srcBytes = 1200;
        }
        // Hourly for three days with up to two minutes of jitter either way.
        for (int i = 0; i < 72; ++i) {
            Ev &e = b.add(7200 + i * 3600 + ((i * 37) % 240) - 120, "network", "connection", host,
                          "", 0);
            e.dstIp = c2;
            e.dstPort = 443;
            e.srcBytes = 1180 + (i % 9);
        }
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "beaconing");
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY(found[0]->ips.count("185.225.69.24"));
        QVERIFY(found[0]->severity() >= 40);
    }

    void histogramOfTwoRates()
    {
        // Every five minutes by day, every half hour by night, for three days: the bars have
        // two heights (RITA's bimodal fit), not one (its coefficient of variation).
        std::vector<int> perHour;
        for (int h = 0; h < 72; ++h)
            perHour.push_back(h % 24 >= 8 && h % 24 < 18 ? 12 : 2);
        const BeaconHistogram h = beaconHistogram(hours(perHour));
        QCOMPARE(h.bins, 72);
        QCOMPARE(h.hoursSeen, 72);
        QVERIFY2(h.cvScore < 0.5, qPrintable(QString::number(h.cvScore)));
        QCOMPARE(h.bimodalFit, 1.0);
        QCOMPARE(h.score, 1.0);
        // Heights spread over many values fit two modes badly.
        std::vector<int> uneven;
        for (int h = 0; h < 24; ++h)
            uneven.push_back(1 + (h * 7) % 13);
        const BeaconHistogram u = beaconHistogram(hours(uneven));
        QVERIFY2(u.bimodalFit < 0.3, qPrintable(QString::number(u.bimodalFit)));
    }

    void histogramOfTwoSessions()
    {
        // Two sessions of 30 connections six hours apart: two bars out of seven.
        std::vector<int> perHour{30, 0, 0, 0, 0, 0, 30};
        const BeaconHistogram h = beaconHistogram(hours(perHour));
        QCOMPARE(h.hoursSeen, 2);
        QCOMPARE(h.bimodalFit, 0.0); // below RITA's 11 hours, no modes to speak of
        QCOMPARE(h.cvScore, 0.0);
        QCOMPARE(beaconDurationScore(0, 7 * 3600 * kS, 0, 7 * 3600 * kS, h), 0.0);
    }

    void aBeaconThatSleepsAtNight()
    {
        Builder b = fresh();
        const auto host = b.ip("10.1.1.5");
        const auto dayOnly = b.ip("185.225.69.40", "MD", 47, 28, 200019, 4, "hosting");
        const auto always = b.ip("185.225.69.41", "MD", 47, 28, 200019, 4, "hosting");
        // For a week, hourly with a minute of jitter either way: one beacon only ten hours a day
        // (the implant sleeps when the office does), the other around the clock.
        for (int day = 0; day < 7; ++day)
            for (int h = 0; h < 24; ++h) {
                const int i = day * 24 + h;
                const std::int64_t t = 86400 * day + 3600 * h + ((i * 37) % 120) - 60;
                Ev &e = b.add(100000 + t, "network", "connection", host, "", 0);
                e.dstIp = always;
                e.dstPort = 443;
                e.srcBytes = 1180 + (i % 9);
                if (h < 8 || h > 17)
                    continue;
                Ev &d = b.add(100000 + t + 5, "network", "connection", host, "", 0);
                d.dstIp = dayOnly;
                d.dstPort = 443;
                d.srcBytes = 1180 + (i % 9);
            }
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "beaconing");
        QCOMPARE(found.size(), std::size_t(2));
        const Finding *day = found[0]->ips.count("185.225.69.40") ? found[0] : found[1];
        const Finding *round = day == found[0] ? found[1] : found[0];
        QVERIFY(day->ips.count("185.225.69.40"));
        // Half its hours are empty, so the bars vary (CV), but those with connections are alike.
        QVERIFY2(day->details.value("bimodal_fit", 0.0) >= 0.9, day->details.dump().c_str());
        QVERIFY2(day->details.value("histogram_score", 0.0) >= 0.9, day->details.dump().c_str());
        QVERIFY2(day->details.value("score", 0.0) >= 0.9, day->details.dump().c_str());
        QVERIFY(!has(day, "bunched_in_time"));
        QVERIFY2(
                day->severity() >= 60 && round->severity() - day->severity() <= 10,
                qPrintable(QStringLiteral("%1 vs %2").arg(day->severity()).arg(round->severity())));
    }

    void regularSessionsAreNotASteadyBeacon()
    {
        Builder b = fresh();
        const auto host = b.ip("10.1.1.5");
        const auto sessions = b.ip("185.225.69.31", "MD", 47, 28, 200019, 4, "hosting");
        const auto c2 = b.ip("185.225.69.24", "MD", 47, 28, 200019, 4, "hosting");
        // Two half-hour sessions polling every minute, six hours apart: regular inside, but in
        // two of seven hours (RITA's histogram and duration scores are 0).
        for (int s = 0; s < 2; ++s)
            for (int i = 0; i < 30; ++i) {
                Ev &e = b.add(1000 + s * 6 * 3600 + i * 60, "network", "connection", host, "", 0);
                e.dstIp = sessions;
                e.dstPort = 443;
                e.srcBytes = 900;
            }
        // Every five minutes for six and a half hours.
        for (int i = 0; i < 80; ++i) {
            Ev &e = b.add(1000 + i * 300, "network", "connection", host, "", 0);
            e.dstIp = c2;
            e.dstPort = 443;
            e.srcBytes = 1180 + (i % 9);
        }
        const auto all = b.run(*m_rules);
        const auto found = ofKind(all, "beaconing");
        QCOMPARE(found.size(), std::size_t(1));
        const Finding *steady = found[0];
        QVERIFY(steady->ips.count("185.225.69.24"));
        QVERIFY(!has(steady, "bunched_in_time"));
        QCOMPARE(steady->details.value("hours_seen", 0), 7);
        QVERIFY(steady->severity() >= 60);
    }

private:
    std::optional<Rules> m_rules;
};

QTEST_GUILESS_MAIN(TestBeacons)
#include "tst_beacons.moc"
