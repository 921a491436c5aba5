#pragma once

// Bounds on decompression. A few KB of bzip2 can expand to gigabytes (a "decompression bomb"):
// reading it to the end costs minutes of CPU and fills the case with nothing. Every byte that
// comes out of a container is counted against the compressed bytes read for it (a ratio) and
// against a total for the whole import; past either the member is refused with a message that
// names the option raising the limit. Cancel is checked at the same place, so that a long
// decompression (listing a .tar.gz, skipping to a member) stops promptly.

#include "api/importer.h"
#include "core/result.h"

#include <QString>

#include <atomic>
#include <cstdint>

namespace netcase {

/// Limits and the expanded bytes so far, shared by every container of one import.
struct ExpansionBudget
{
    std::int64_t maxRatio = ImportOptions{}.maxExpansionRatio;
    std::int64_t maxTotal = ImportOptions{}.maxExpandedBytes;
    const std::atomic<bool> *cancel = nullptr;
    std::atomic<std::int64_t> used{0};

    ExpansionBudget() = default;
    ExpansionBudget(const ImportOptions &options, const std::atomic<bool> *cancelFlag);
    /// The same limits and cancel flag with nothing used yet (for listing a container, which
    /// must not count against what the import then reads).
    void copyLimits(const ExpansionBudget &other);
};

/// Counts the expanded bytes of one opened container against a budget.
class ExpansionMeter
{
public:
    ExpansionMeter(ExpansionBudget &budget, QString shown)
        : m_budget(budget)
        , m_shown(std::move(shown))
    {}

    /// n more expanded bytes, compressed bytes read so far being `compressed`. An error once a
    /// limit is passed or the import was cancelled.
    Status add(std::int64_t compressed, std::int64_t n);

private:
    ExpansionBudget &m_budget;
    QString m_shown;
    std::int64_t m_out = 0;
};

} // namespace netcase
