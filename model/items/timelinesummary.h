#pragma once

// Event counts per UTC minute and outcome, the basis of the timeline. Built once per case (or
// per entity filter) with one indexed pass over the events; every zoom level then re-buckets
// from this summary in memory, so a 10-million-event case re-buckets in well under 100 ms
// without touching SQLite again (bench/bench_timeline.cpp measures it).

#include <QString>

#include <atomic>
#include <cstdint>
#include <vector>

namespace netcase {

class Database;
struct EventFilter;

struct TimelineBucket
{
    std::int64_t startUs = 0;
    std::int64_t success = 0;
    std::int64_t failure = 0;
    std::int64_t other = 0;
    std::int64_t total() const { return success + failure + other; }
};

/// A finding drawn as a band over the time it covers.
struct FindingBand
{
    std::int64_t id = 0;
    std::int64_t firstUs = 0;
    std::int64_t lastUs = 0;
    int severity = 0;
    QString kind;
    QString title;
};

class TimelineSummary
{
public:
    static constexpr std::int64_t kMinuteUs = 60'000'000;

    /// Counts the events matching the filter's entities (its time range is ignored: the
    /// timeline shows the range as a selection, not as a crop). Returns an empty summary when
    /// cancel becomes true.
    static TimelineSummary
    build(const Database &db, const EventFilter &filter, const std::atomic<bool> *cancel = nullptr);

    bool isEmpty() const { return m_minutes.empty(); }
    std::int64_t firstUs() const;
    /// The end of the last minute holding events (exclusive).
    std::int64_t endUs() const;
    std::int64_t total() const { return m_total; }
    std::size_t minuteCount() const { return m_minutes.size(); }

    /// Buckets of bucketUs (aligned to multiples of bucketUs since the epoch, so a day bucket
    /// starts at 00:00 UTC) covering [fromUs, toUs), zero-filled.
    std::vector<TimelineBucket>
    rebucket(std::int64_t fromUs, std::int64_t toUs, std::int64_t bucketUs) const;
    /// The smallest "nice" bucket (1 min ... 7 days) that keeps the span within maxBuckets.
    static std::int64_t chooseBucketUs(std::int64_t spanUs, int maxBuckets);
    /// A human name for a bucket size ("5-minute", "1-day").
    static QString bucketName(std::int64_t bucketUs);

    /// Adds counts for one minute (minute = floor(ts / kMinuteUs)); minutes must come sorted.
    void
    addMinute(std::int64_t minute, std::int64_t success, std::int64_t failure, std::int64_t other);

private:
    struct Minute
    {
        std::int64_t minute;
        std::int64_t counts[3]; // success, failure, other
    };
    std::vector<Minute> m_minutes; // sorted by minute
    std::int64_t m_total = 0;
};

/// Findings overlapping [fromUs, toUs), most severe first, at most limit; *total receives how
/// many overlap so a view can say when it shows fewer.
std::vector<FindingBand> findingBands(const Database &db,
                                      std::int64_t fromUs,
                                      std::int64_t toUs,
                                      int limit,
                                      std::int64_t *total = nullptr);

/// The WHERE condition selecting findings a view should show (not suppressed; still produced
/// by the latest analysis when the case records that).
QString visibleFindingsSql(const Database &db);

/// floor(a / b) for b > 0, also for negative a (timestamps before 1970 stay ordered).
constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

} // namespace netcase
