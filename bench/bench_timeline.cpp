// Timeline re-bucketing on a large case: builds (or reuses) a case of N events over 30 days,
// counts the per-minute summary once, then times re-bucketing at every zoom level.
// Usage: bench_timeline CASE [EVENTS]   (see bench/timeline.sh)

#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/sqlite.h"
#include "items/timelinesummary.h"
#include "store/eventstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace netcase;

namespace {

constexpr std::int64_t kMin = TimelineSummary::kMinuteUs;
constexpr std::int64_t kStart = 1772323200LL * 1000000; // 2026-03-01
constexpr std::int64_t kDays = 30;

bool makeCase(const QString &path, std::int64_t events)
{
    CaseInfo info;
    info.title = QStringLiteral("timeline bench");
    auto c = CaseFile::create(path, info);
    if (!c) {
        std::fprintf(stderr, "%s\n", qPrintable(c.error().message));
        return false;
    }
    Database &db = c->db();
    (void)db.exec("PRAGMA synchronous = OFF");
    Transaction tx(db);
    (void)db.exec("INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                  "VALUES (1, 'bench', '/dev/null', 'x', 0, 'apache', '2026-03-01T00:00:00Z')");
    (void)db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) "
                  "INSERT INTO ips(id, ip, family) SELECT i, '10.' || (i / 65536) || '.' || "
                  "((i / 256) % 256) || '.' || (i % 256), 4 FROM n");
    // Events in time order (as imports write them), ts spread evenly with jitter, outcome
    // 70% success, 20% failure, 10% unknown.
    std::mt19937_64 rng(1);
    EventStoreWriter w(db, 1, 1);
    EventInts row;
    row.fill(kNull);
    const std::int64_t step = kDays * 1440 * kMin / events;
    for (std::int64_t i = 0; i < events; ++i) {
        row[ColLine] = i + 1;
        row[ColTs] = kStart + i * step + std::int64_t(rng() % 1000000);
        row[ColOutcome] = i % 10 < 7 ? 1 : i % 10 < 9 ? 2 : 0;
        row[ColSourceIp] = 1 + std::int64_t(rng() % 50000);
        if (!w.append(row, {}, true))
            return false;
    }
    if (!w.finish())
        return false;
    return bool(tx.commit());
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_timeline CASE [EVENTS]\n");
        return 1;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const std::int64_t events = argc > 2 ? std::atoll(argv[2]) : 10'000'000;
    QElapsedTimer t;
    if (!QFileInfo::exists(path)) {
        t.start();
        if (!makeCase(path, events))
            return 2;
        std::printf("generated %lld events in %.1f s\n", static_cast<long long>(events),
                    ms(t) / 1000);
    }
    auto c = CaseFile::open(path, {.readOnly = true});
    if (!c)
        return 2;
    std::printf("case: %lld events\n",
                static_cast<long long>(c->db().scalar("SELECT count(*) FROM events")));

    t.start();
    const TimelineSummary s = TimelineSummary::build(c->db(), EventFilter());
    std::printf("summary build (one pass, all events): %.0f ms, %zu minutes, %lld events\n", ms(t),
                s.minuteCount(), static_cast<long long>(s.total()));

    EventFilter oneIp;
    oneIp.ips = {QStringLiteral("10.0.1.1")};
    t.start();
    const TimelineSummary f = TimelineSummary::build(c->db(), oneIp);
    std::printf("summary build, one address filter: %.0f ms (%lld events)\n", ms(t),
                static_cast<long long>(f.total()));

    // Re-bucket: whole case down to one hour, as wheel zooming does; 300 buckets max.
    const std::int64_t spans[]
            = {kDays * 1440 * kMin, 7 * 1440 * kMin, 1440 * kMin, 360 * kMin, 60 * kMin};
    for (std::int64_t span : spans) {
        std::vector<double> times;
        size_t buckets = 0;
        for (int rep = 0; rep < 200; ++rep) {
            const std::int64_t from
                    = s.firstUs() + (rep * 7919 * kMin) % (kDays * 1440 * kMin - span + 1);
            t.start();
            const auto b
                    = s.rebucket(from, from + span, TimelineSummary::chooseBucketUs(span, 300));
            times.push_back(ms(t));
            buckets = b.size();
        }
        std::sort(times.begin(), times.end());
        std::printf("re-bucket span %6lld min -> %3zu buckets: median %.3f ms, max %.3f ms\n",
                    static_cast<long long>(span / kMin), buckets, times[times.size() / 2],
                    times.back());
    }
    return 0;
}
