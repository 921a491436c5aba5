#pragma once

// `netcase intel` and Case → Import intelligence: reads each file (intel/intelfile.h), stores
// its indicators with their provenance (one transaction and audit record per file: a refused
// file leaves nothing behind), then runs the analysis, which matches the case against every
// indicator and writes the `intel` findings. Cancelling stops before the next file; files
// already stored stay (each is audited) and the analysis is not run.

#include "core/result.h"
#include "intel/intelstore.h"

#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace netcase {

class Database;
struct StoredFinding;

struct IntelFileOutcome
{
    QString path;
    std::optional<intel::IntelSource> source; ///< set when the file was stored
    QString error;                            ///< why it was refused
};

struct IntelImportSummary
{
    std::vector<IntelFileOutcome> files;
    bool analysed = false;
    QString analysis; ///< the analysis run's summary line
    std::int64_t runId = 0;
    int refused() const;
};

using IntelProgressFn = std::function<void(const QString &stage, int percent)>;

Result<IntelImportSummary> importIntelligence(Database &db,
                                              const QStringList &paths,
                                              const QString &actor,
                                              const IntelProgressFn &progress = {},
                                              const std::atomic<bool> *cancel = nullptr);

/// The active findings of kind `intel`, by severity.
std::vector<StoredFinding> intelFindingsOf(const Database &db);

} // namespace netcase
