#include "expansion.h"

#include <algorithm>

namespace netcase {

namespace {

// The ratio is only judged past this many compressed bytes: a small file's header and first
// block legitimately expand by more than the long-run ratio.
constexpr std::int64_t kRatioFloor = 64 * 1024;

QString sizeText(std::int64_t bytes)
{
    if (bytes >= (std::int64_t{1} << 30) && bytes % (std::int64_t{1} << 30) == 0)
        return QStringLiteral("%1 GiB").arg(bytes >> 30);
    if (bytes >= (std::int64_t{1} << 20))
        return QStringLiteral("%1 MiB").arg(bytes >> 20);
    return QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace

ExpansionBudget::ExpansionBudget(const ImportOptions &options, const std::atomic<bool> *cancelFlag)
    : maxRatio(options.maxExpansionRatio)
    , maxTotal(options.maxExpandedBytes)
    , cancel(cancelFlag)
{}

void ExpansionBudget::copyLimits(const ExpansionBudget &other)
{
    maxRatio = other.maxRatio;
    maxTotal = other.maxTotal;
    cancel = other.cancel;
}

Status ExpansionMeter::add(std::int64_t compressed, std::int64_t n)
{
    if (m_budget.cancel && m_budget.cancel->load(std::memory_order_relaxed))
        return makeError(QStringLiteral("import cancelled"), ErrorCode::Cancelled);
    m_out += n;
    // Divided rather than multiplied: the limits come from the user and must not overflow.
    if (m_out / std::max(compressed, kRatioFloor) >= m_budget.maxRatio)
        return makeError(QStringLiteral("%1: expands to more than %2 times its compressed size; "
                                        "refused as a likely decompression bomb (raise the "
                                        "limit with --max-expansion)")
                                 .arg(m_shown)
                                 .arg(m_budget.maxRatio));
    const std::int64_t used = m_budget.used.fetch_add(n, std::memory_order_relaxed) + n;
    if (used > m_budget.maxTotal)
        return makeError(QStringLiteral("%1: the import would expand to more than %2 of "
                                        "decompressed data; refused (raise the limit with "
                                        "--max-expanded-size)")
                                 .arg(m_shown, sizeText(m_budget.maxTotal)));
    return {};
}

} // namespace netcase
