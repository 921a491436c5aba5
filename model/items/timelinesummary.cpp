#include "timelinesummary.h"

#include "case/eventquery.h"
#include "case/sqlite.h"
#include "core/event.h"

#include <algorithm>
#include <unordered_map>

namespace netcase {

namespace {

int outcomeSlot(std::int64_t outcome)
{
    if (outcome == int(Outcome::Success))
        return 0;
    if (outcome == int(Outcome::Failure))
        return 1;
    return 2;
}

constexpr std::int64_t kBucketSteps[]
        = {1 * TimelineSummary::kMinuteUs,        5 * TimelineSummary::kMinuteUs,
           15 * TimelineSummary::kMinuteUs,       30 * TimelineSummary::kMinuteUs,
           60 * TimelineSummary::kMinuteUs,       180 * TimelineSummary::kMinuteUs,
           360 * TimelineSummary::kMinuteUs,      720 * TimelineSummary::kMinuteUs,
           1440 * TimelineSummary::kMinuteUs,     7 * 1440 * TimelineSummary::kMinuteUs,
           30 * 1440 * TimelineSummary::kMinuteUs};

} // namespace

TimelineSummary TimelineSummary::build(const Database &db,
                                       const EventFilter &filter,
                                       const std::atomic<bool> *cancel)
{
    EventFilter entities;
    entities.ips = filter.ips;
    entities.users = filter.users;
    // Evidence ids select a handful of events: fold them into the filter as whereSql does.
    entities.eventIds = filter.eventIds;
    // Aggregating in C++ over a plain scan is faster than GROUP BY ts/60e6 (which sorts through
    // a temporary b-tree) and lets a cancel stop the pass.
    const QByteArray sql
            = (QStringLiteral("SELECT e.ts, e.outcome FROM events e WHERE ") + entities.whereSql())
                      .toUtf8();
    Statement st = db.prepare(std::string_view(sql.constData(), size_t(sql.size())));
    bindEventFilter(st, entities);
    std::unordered_map<std::int64_t, Minute> byMinute;
    std::int64_t lastMinute = INT64_MIN;
    Minute *last = nullptr;
    std::int64_t n = 0;
    while (st.step()) {
        if (cancel && (++n & 0xffff) == 0 && cancel->load())
            return {};
        const std::int64_t m = floorDiv(st.int64(0), kMinuteUs);
        if (m != lastMinute || !last) { // events are mostly in time order: skip the hash
            auto [it, inserted] = byMinute.try_emplace(m, Minute{m, {0, 0, 0}});
            last = &it->second;
            lastMinute = m;
        }
        ++last->counts[outcomeSlot(st.int64(1))];
    }
    std::vector<Minute> minutes;
    minutes.reserve(byMinute.size());
    for (const auto &[m, counts] : byMinute)
        minutes.push_back(counts);
    std::sort(minutes.begin(), minutes.end(),
              [](const Minute &a, const Minute &b) { return a.minute < b.minute; });
    TimelineSummary s;
    for (const Minute &m : minutes)
        s.addMinute(m.minute, m.counts[0], m.counts[1], m.counts[2]);
    return s;
}

void TimelineSummary::addMinute(std::int64_t minute,
                                std::int64_t success,
                                std::int64_t failure,
                                std::int64_t other)
{
    if (!m_minutes.empty() && m_minutes.back().minute >= minute)
        return; // out of order: a programming error, never double-count
    m_minutes.push_back({minute, {success, failure, other}});
    m_total += success + failure + other;
}

std::int64_t TimelineSummary::firstUs() const
{
    return m_minutes.empty() ? 0 : m_minutes.front().minute * kMinuteUs;
}

std::int64_t TimelineSummary::endUs() const
{
    return m_minutes.empty() ? 0 : (m_minutes.back().minute + 1) * kMinuteUs;
}

std::vector<TimelineBucket>
TimelineSummary::rebucket(std::int64_t fromUs, std::int64_t toUs, std::int64_t bucketUs) const
{
    std::vector<TimelineBucket> out;
    if (bucketUs < kMinuteUs || toUs <= fromUs)
        return out;
    const std::int64_t start = floorDiv(fromUs, bucketUs) * bucketUs;
    const std::int64_t count = floorDiv(toUs - 1 - start, bucketUs) + 1;
    if (count <= 0 || count > 1'000'000)
        return out;
    out.resize(size_t(count));
    for (std::int64_t i = 0; i < count; ++i)
        out[size_t(i)].startUs = start + i * bucketUs;
    const std::int64_t firstMinute = floorDiv(start, kMinuteUs);
    auto it = std::lower_bound(m_minutes.begin(), m_minutes.end(), firstMinute,
                               [](const Minute &m, std::int64_t v) { return m.minute < v; });
    for (; it != m_minutes.end(); ++it) {
        const std::int64_t us = it->minute * kMinuteUs;
        if (us >= toUs)
            break;
        TimelineBucket &b = out[size_t((us - start) / bucketUs)];
        b.success += it->counts[0];
        b.failure += it->counts[1];
        b.other += it->counts[2];
    }
    return out;
}

std::int64_t TimelineSummary::chooseBucketUs(std::int64_t spanUs, int maxBuckets)
{
    maxBuckets = std::max(maxBuckets, 1);
    for (std::int64_t step : kBucketSteps) {
        if (spanUs / step <= maxBuckets)
            return step;
    }
    return std::end(kBucketSteps)[-1];
}

QString TimelineSummary::bucketName(std::int64_t bucketUs)
{
    const std::int64_t min = bucketUs / kMinuteUs;
    if (min % 1440 == 0)
        return QStringLiteral("%1-day").arg(min / 1440);
    if (min % 60 == 0)
        return QStringLiteral("%1-hour").arg(min / 60);
    return QStringLiteral("%1-minute").arg(min);
}

QString visibleFindingsSql(const Database &db)
{
    // findings.active arrived during v1 development: accept case files made before it.
    const bool hasActive = db.scalar("SELECT count(*) FROM pragma_table_info('findings') "
                                     "WHERE name = 'active'")
                           > 0;
    return hasActive ? QStringLiteral("suppressed_by IS NULL AND active = 1")
                     : QStringLiteral("suppressed_by IS NULL");
}

std::vector<FindingBand> findingBands(
        const Database &db, std::int64_t fromUs, std::int64_t toUs, int limit, std::int64_t *total)
{
    std::vector<FindingBand> out;
    const QString visible = visibleFindingsSql(db);
    if (total) {
        const QByteArray sql = QStringLiteral("SELECT count(*) FROM findings WHERE %1 "
                                              "AND last_ts >= ? AND first_ts < ?")
                                       .arg(visible)
                                       .toUtf8();
        Statement c = db.prepare(sql.toStdString());
        c.bind(1, fromUs).bind(2, toUs);
        *total = c.step() ? c.int64(0) : 0;
    }
    const QByteArray sql = QStringLiteral("SELECT id, first_ts, last_ts, severity, kind, title "
                                          "FROM findings WHERE %1 AND last_ts >= ? AND "
                                          "first_ts < ? ORDER BY severity DESC, first_ts LIMIT ?")
                                   .arg(visible)
                                   .toUtf8();
    Statement st = db.prepare(sql.toStdString());
    st.bind(1, fromUs).bind(2, toUs).bind(3, limit);
    while (st.step()) {
        FindingBand b;
        b.id = st.int64(0);
        b.firstUs = st.int64(1);
        b.lastUs = std::max(st.int64(2), b.firstUs);
        b.severity = int(st.int64(3));
        b.kind = st.text(4);
        b.title = st.text(5);
        out.push_back(b);
    }
    return out;
}

} // namespace netcase
