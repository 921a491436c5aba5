#pragma once

// The detections of issue 5. Each reads the in-memory dataset through the analysis context and
// appends findings; none writes to the case. Thresholds come from the rules file.

#include "dataset.h"
#include "finding.h"

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace netcase {

class AnalysisContext;

using Findings = std::vector<Finding>;

void detectFailedBursts(const AnalysisContext &ctx, Findings &out);        ///< 1
void detectStuffing(const AnalysisContext &ctx, Findings &out);            ///< 2 and 3
void detectDistributedStuffing(const AnalysisContext &ctx, Findings &out); ///< 2
void detectSshBruteForce(const AnalysisContext &ctx, Findings &out);       ///< 4
void detectImpossibleTravel(const AnalysisContext &ctx, Findings &out);    ///< 5
void detectBaselineDeviation(const AnalysisContext &ctx, Findings &out);   ///< 6
void detectAnonymiserSensitive(const AnalysisContext &ctx, Findings &out); ///< 7
void detectUserAgents(const AnalysisContext &ctx, Findings &out);          ///< 8
void detectRequestBursts(const AnalysisContext &ctx, Findings &out);       ///< 9
void detectDdos(const AnalysisContext &ctx, Findings &out);                ///< 9
void detectBeaconing(const AnalysisContext &ctx, Findings &out);           ///< 10
void detectMfaFatigue(const AnalysisContext &ctx, Findings &out);          ///< 11
void detectCloudCredentials(const AnalysisContext &ctx, Findings &out);    ///< 12
void detectUnusualHours(const AnalysisContext &ctx, Findings &out);        ///< 13
void detectLongConnections(const AnalysisContext &ctx, Findings &out);     ///< 14
void detectLargeTransfers(const AnalysisContext &ctx, Findings &out);      ///< 15
void detectRarePorts(const AnalysisContext &ctx, Findings &out);           ///< 16

namespace detail {

constexpr std::int64_t kSecondUs = 1000000;

/// Indices of the events with any of the flags (and none of the excluded), grouped by key;
/// each group stays in time order. Key 0 is skipped.
template<typename KeyFn>
std::unordered_map<std::int64_t, std::vector<std::size_t>>
group(const std::vector<Ev> &events, std::uint16_t anyOf, std::uint16_t noneOf, KeyFn key)
{
    std::unordered_map<std::int64_t, std::vector<std::size_t>> out;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto &e = events[i];
        if (!(e.flags & anyOf) || (e.flags & noneOf))
            continue;
        const std::int64_t k = key(e);
        if (k != 0)
            out[k].push_back(i);
    }
    return out;
}

using Episode = std::span<const std::size_t>;

/// Splits a time-ordered group into episodes: a gap longer than maxGapUs starts a new one. The
/// episodes are views into idx.
std::vector<Episode>
episodes(const std::vector<Ev> &events, const std::vector<std::size_t> &idx, std::int64_t maxGapUs);
/// The largest number of events inside any window of windowUs.
std::size_t maxInWindow(const std::vector<Ev> &events, Episode idx, std::int64_t windowUs);
/// The indices (in a shared grouping's group) of the events that pass keep(e), into out.
template<typename Keep>
void select(const std::vector<Ev> &events,
            std::span<const std::uint32_t> group,
            std::vector<std::size_t> &out,
            Keep keep)
{
    out.clear();
    // A group's events are spread over the whole (time-ordered) list: fetch ahead.
    constexpr std::size_t kAhead = 8;
    for (std::size_t k = 0; k < group.size(); ++k) {
        if (k + kAhead < group.size())
            __builtin_prefetch(&events[group[k + kAhead]]);
        if (keep(events[group[k]]))
            out.push_back(group[k]);
    }
}
double median(std::vector<double> v);

} // namespace detail

} // namespace netcase
