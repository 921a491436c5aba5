#pragma once

// One analysis run over a case: load the events, run every enabled detection, apply the
// analysts' tuning, store findings (updated in place by fingerprint), rebuild the entity graph,
// update the rule statistics and audit the run, all in one transaction.

#include "dataset.h"
#include "finding.h"

#include "core/result.h"

#include <QString>

class QThreadPool;

#include <atomic>
#include <functional>
#include <map>

namespace netcase {

class AnalysisContext;

class Database;
class Rules;

struct AnalysisSummary
{
    std::int64_t runId = 0;
    std::int64_t events = 0;
    std::int64_t findings = 0;
    std::int64_t high = 0;       ///< severity >= the rules' "high" level
    std::int64_t suppressed = 0; ///< findings matched by a tuning entry
    std::int64_t entities = 0;
    std::int64_t links = 0;
    std::map<std::string, std::int64_t> byKind;
    double seconds = 0;
    QString text() const;
};

/// Findings from detections outside this library (Sigma rules, model/sigma), produced on the
/// run's connection before its transaction; `audit` goes into the run's audit record under the
/// name the caller gives.
struct ExtraFindings
{
    std::vector<Finding> findings;
    std::string name; ///< key in the analysis.run payload, e.g. "sigma"
    nlohmann::json audit;
};
using ExtraDetection
        = std::function<Result<ExtraFindings>(const Database &, const std::atomic<bool> *)>;

class Analyzer
{
public:
    /// Runs the analysis on a writable case. Cancelling leaves the case as it was. extra's
    /// findings get the same caveats, tuning and storage as the built-in detections'.
    static Result<AnalysisSummary> run(Database &db,
                                       const QString &actor,
                                       const ProgressFn &progress = {},
                                       const std::atomic<bool> *cancel = nullptr,
                                       const ExtraDetection &extra = {});
    /// The detections alone, in memory (tests and the benchmark). Caveats are added. The
    /// detections run side by side on `threads` threads (0: one per core); the findings and
    /// their order do not depend on it.
    static std::vector<Finding> detect(const Dataset &data,
                                       const Rules &rules,
                                       const ProgressFn &progress = {},
                                       const std::atomic<bool> *cancel = nullptr,
                                       int threads = 0);

private:
    static std::vector<Finding> detect(const AnalysisContext &ctx,
                                       const ProgressFn &progress,
                                       const std::atomic<bool> *cancel,
                                       QThreadPool &pool);
};

} // namespace netcase
