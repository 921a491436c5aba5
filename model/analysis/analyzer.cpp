#include "analyzer.h"

#include "context.h"
#include "correlation.h"
#include "detect.h"
#include "detect_intel.h"
#include "findingstore.h"
#include "rules.h"
#include "subsume.h"
#include "tuning.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/timeutil.h"
#include "intel/intelmatch.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <iterator>
#include <optional>

namespace netcase {

QString AnalysisSummary::text() const
{
    return QStringLiteral("%1 findings (%2 high, %3 suppressed) from %4 events in %5 s")
            .arg(findings)
            .arg(high)
            .arg(suppressed)
            .arg(events)
            .arg(seconds, 0, 'f', 2);
}

namespace {

/// A pool for one analysis run: its detections (and the entity graph) run side by side.
void sizePool(QThreadPool &pool, int threads)
{
    pool.setMaxThreadCount(threads > 0 ? threads : std::max(1, QThread::idealThreadCount()));
}

} // namespace

std::vector<Finding> Analyzer::detect(const Dataset &data,
                                      const Rules &rules,
                                      const ProgressFn &progress,
                                      const std::atomic<bool> *cancel,
                                      int threads)
{
    QThreadPool pool;
    sizePool(pool, threads);
    const AnalysisContext ctx(data, rules);
    return detect(ctx, progress, cancel, pool);
}

std::vector<Finding> Analyzer::detect(const AnalysisContext &ctx,
                                      const ProgressFn &progress,
                                      const std::atomic<bool> *cancel,
                                      QThreadPool &pool)
{
    using Detector = void (*)(const AnalysisContext &, Findings &);
    static const std::pair<const char *, Detector> kDetectors[] = {
            {"failed-login bursts", &detectFailedBursts},
            {"credential stuffing and spraying", &detectStuffing},
            {"distributed stuffing", &detectDistributedStuffing},
            {"SSH brute force", &detectSshBruteForce},
            {"impossible travel", &detectImpossibleTravel},
            {"account baselines", &detectBaselineDeviation},
            {"anonymisers on sensitive actions", &detectAnonymiserSensitive},
            {"user agents", &detectUserAgents},
            {"request bursts", &detectRequestBursts},
            {"DDoS", &detectDdos},
            {"beaconing", &detectBeaconing},
            {"MFA fatigue", &detectMfaFatigue},
            {"cloud credentials", &detectCloudCredentials},
            {"access hours", &detectUnusualHours},
            {"long connections", &detectLongConnections},
            {"large transfers", &detectLargeTransfers},
            {"rare ports", &detectRarePorts},
    };
    const int n = int(std::size(kDetectors));
    // Each detection fills its own list; the lists are joined in the table's order, so the
    // result is the same however the pool schedules them.
    std::vector<Findings> found(std::size_t(n), Findings{});
    std::vector<QFuture<void>> running;
    for (int i = 0; i < n; ++i) {
        running.push_back(QtConcurrent::run(&pool, [&ctx, &found, cancel, i] {
            if (!(cancel && cancel->load()))
                kDetectors[i].second(ctx, found[std::size_t(i)]);
        }));
    }
    // Progress is reported from the calling thread, in the table's order.
    for (int i = 0; i < n; ++i) {
        if (progress)
            progress(QString::fromLatin1(kDetectors[i].first), 10 + 80 * i / n);
        running[std::size_t(i)].waitForFinished();
    }
    if (cancel && cancel->load())
        return {};
    Findings out;
    std::size_t total = 0;
    for (const Findings &f : found)
        total += f.size();
    out.reserve(total);
    for (Findings &f : found)
        std::move(f.begin(), f.end(), std::back_inserter(out));
    for (Finding &f : out)
        ctx.addCaveats(f);
    std::stable_sort(out.begin(), out.end(), [](const Finding &a, const Finding &b) {
        return a.severity() > b.severity();
    });
    foldCoveredFindings(out);
    return out;
}

Result<AnalysisSummary> Analyzer::run(Database &db,
                                      const QString &actor,
                                      const ProgressFn &progress,
                                      const std::atomic<bool> *cancel,
                                      const ExtraDetection &extra)
{
    QElapsedTimer timer;
    timer.start();
    if (db.readOnly())
        return makeError(QStringLiteral("the case is read-only"), ErrorCode::Locked);
    auto rules = Rules::load(db);
    if (!rules)
        return rules.error();
    if (progress)
        progress(QStringLiteral("reading events"), 0);
    auto data = Dataset::load(db, *rules, cancel);
    if (!data)
        return data.error();
    const AnalysisContext ctx(*data, *rules);
    QThreadPool pool;
    sizePool(pool, 0);
    // The entity graph needs no findings: it is computed beside the detections.
    QFuture<CorrelationGraph> graphing
            = QtConcurrent::run(&pool, [&ctx] { return buildCorrelation(ctx); });
    std::vector<Finding> findings = detect(ctx, progress, cancel, pool);
    graphing.waitForFinished();
    if (cancel && cancel->load())
        return makeError(QStringLiteral("analysis cancelled"), ErrorCode::Cancelled);
    std::optional<ExtraFindings> more;
    if (extra) {
        if (progress)
            progress(QStringLiteral("rules from outside (Sigma)"), 88);
        auto got = extra(db, cancel);
        if (!got)
            return got.error();
        more = std::move(*got);
        for (Finding &f : more->findings) {
            ctx.addCaveats(f);
            findings.push_back(std::move(f));
        }
        std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
            return a.severity() > b.severity();
        });
    }
    if (progress)
        progress(QStringLiteral("threat intelligence"), 88);
    auto matches = intel::matchCase(db, cancel);
    if (!matches)
        return matches.error();
    for (Finding &f : intelFindings(*matches, &ctx)) {
        ctx.addCaveats(f);
        findings.push_back(std::move(f));
    }

    if (progress)
        progress(QStringLiteral("storing findings"), 90);
    Transaction txn(db);
    if (!txn.active())
        return makeError(QStringLiteral("cannot write to the case: %1").arg(db.lastError()),
                         ErrorCode::Locked);
    AnalysisSummary sum;
    sum.events = std::int64_t(data->events.size());
    const std::vector<TuningEntry> tuning = Tuning::list(db);
    for (Finding &f : findings) {
        f.suppressedBy = Tuning::suppressing(tuning, f);
        sum.suppressed += f.suppressedBy ? 1 : 0;
        if (!f.suppressedBy && f.severity() >= rules->high())
            ++sum.high;
        ++sum.byKind[f.kind];
    }
    Statement run = db.prepare(
            "INSERT INTO analysis_runs(started_at, rules, actor, events) VALUES(?,?,?,?)");
    run.bind(1, nowIso()).bind(2, rules->json().dump()).bind(3, actor).bind(4, sum.events);
    if (auto s = run.exec(); !s)
        return s.error();
    sum.runId = db.lastInsertId();
    auto written = FindingStore::write(db, sum.runId, findings,
                                       rules->json().value("max_evidence", 2000));
    if (!written)
        return written.error();
    sum.findings = *written;
    auto graph = writeCorrelation(db, ctx, graphing.takeResult());
    if (!graph)
        return graph.error();
    sum.entities = graph->entities;
    sum.links = graph->links;

    // Hits count what the latest run found per rule; verdicts accumulate separately.
    if (auto s = db.exec("UPDATE rule_stats SET hits = 0"); !s)
        return s.error();
    Statement hits = db.prepare(
            "INSERT INTO rule_stats(rule, hits, updated_at) SELECT rule, COUNT(*), ? FROM "
            "findings WHERE active = 1 GROUP BY rule ON CONFLICT(rule) DO UPDATE SET "
            "hits = excluded.hits, updated_at = excluded.updated_at");
    if (auto s = hits.bind(1, nowIso()).exec(); !s)
        return s.error();

    sum.seconds = double(timer.elapsed()) / 1000.0;
    nlohmann::json kinds = nlohmann::json::object();
    for (const auto &[k, v] : sum.byKind)
        kinds[k] = v;
    const nlohmann::json summary = {{"run_id", sum.runId},          {"events", sum.events},
                                    {"findings", sum.findings},     {"high", sum.high},
                                    {"suppressed", sum.suppressed}, {"by_kind", kinds},
                                    {"entities", sum.entities},     {"links", sum.links}};
    Statement fin = db.prepare(
            "UPDATE analysis_runs SET finished_at = ?, findings = ?, summary = ? WHERE id = ?");
    if (auto s = fin.bind(1, nowIso())
                         .bind(2, sum.findings)
                         .bind(3, summary.dump())
                         .bind(4, sum.runId)
                         .exec();
        !s)
        return s.error();
    nlohmann::json payload = summary;
    payload["rules_overridden"] = !Rules::overrides(db).empty();
    if (more)
        payload[more->name] = more->audit;
    if (auto s = AuditLog::append(db, actor, QStringLiteral("analysis.run"), payload); !s)
        return s.error();
    if (auto s = txn.commit(); !s)
        return s.error();
    if (progress)
        progress(QStringLiteral("analysis done"), 100);
    return sum;
}

} // namespace netcase
