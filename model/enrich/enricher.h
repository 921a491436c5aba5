#pragma once

// Enriches the addresses of a case from a SourceSet and stores the result with its provenance:
// the sources used go to enrich_sources (reused when path and SHA-256 match), the run to
// enrich_runs, one ip_info row per address (older rows stay with current = 0 for audit), and an
// audit record in the same transaction.

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace netcase {

class Database;
class SourceSet;

struct EnrichOptions
{
    /// Only addresses without a current row (after an import); otherwise every address is
    /// enriched again and the previous rows are kept as history.
    bool onlyMissing = false;
    QString actor;
};

struct EnrichSummary
{
    qint64 runId = 0;
    qint64 ips = 0;
    qint64 located = 0; ///< with a country or coordinates
    qint64 withAsn = 0;
    qint64 flagged = 0; ///< anonymiser flag or list membership
    int sources = 0;
    bool geolocation = false;
    QStringList warnings; ///< refused sources, stale databases, lookup errors
    /// One line for the user.
    QString text() const;
};

using EnrichProgressFn = std::function<void(qint64 done, qint64 total)>;

Result<EnrichSummary> enrichCase(Database &db,
                                 const SourceSet &sources,
                                 const EnrichOptions &options,
                                 const EnrichProgressFn &progress = {},
                                 const std::atomic<bool> *cancel = nullptr);

} // namespace netcase
