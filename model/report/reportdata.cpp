#include "reportdata.h"

#include "audit/decisionstore.h"
#include "audit/signingkey.h"
#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/sqlite.h"
#include "core/severity.h"
#include "core/timeutil.h"
#include "enrich/ipinfo.h"
#include "report/reportfields.h"

#include <QSet>

#include <algorithm>
#include <set>

namespace netcase {

namespace {

Error cancelled()
{
    return makeError(QStringLiteral("report cancelled"), ErrorCode::Cancelled);
}

QStringList sortedUnique(const QSet<QString> &set)
{
    QStringList out;
    for (const QString &s : set)
        if (!s.trimmed().isEmpty())
            out << s;
    std::sort(out.begin(), out.end());
    return out;
}

void readPeople(const Database &db, ReportData &d)
{
    QSet<QString> analysts;
    analysts.insert(d.summary.info.createdBy);
    for (const SourceSummary &s : d.summary.sources)
        analysts.insert(s.importedBy);
    for (const char *sql :
         {"SELECT DISTINCT actor FROM analysis_runs", "SELECT DISTINCT analyst FROM decisions",
          "SELECT DISTINCT created_by FROM rule_tuning"}) {
        Statement st = db.prepare(sql);
        while (st.step())
            analysts.insert(st.text(0));
    }
    QSet<QString> reviewers;
    Statement st = db.prepare("SELECT DISTINCT reviewer FROM reviews");
    while (st.step())
        reviewers.insert(st.text(0));
    d.analysts = sortedUnique(analysts);
    d.reviewers = sortedUnique(reviewers);

    Statement last = db.prepare("SELECT max(imported_at) FROM sources");
    if (last.step())
        d.lastImportAt = last.text(0);
    Statement run = db.prepare("SELECT max(finished_at) FROM analysis_runs");
    if (run.step())
        d.lastAnalysisAt = run.text(0);
    Statement head = db.prepare("SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (head.step())
        d.asOf = head.text(0);
}

/// The findings each decision cites (as its subject or in a factor of any revision), with the
/// decision's latest verdict: "Block (account:maria.k)".
std::map<std::int64_t, QStringList> citedFindings(const std::vector<ReportDecision> &decisions)
{
    std::map<std::int64_t, QStringList> states;
    for (std::size_t i = 0; i < decisions.size(); ++i) {
        const ReportDecision &rd = decisions[i];
        std::set<std::int64_t> ids;
        for (const Decision &d : rd.revisions) {
            if (d.subject.type == QLatin1String("finding"))
                ids.insert(d.subject.value.toLongLong());
            for (const Factor &f : d.factors)
                if (f.findingId > 0)
                    ids.insert(f.findingId);
        }
        const Decision &latest = rd.latest();
        const QString state = QStringLiteral("%1 %2 (%3)")
                                      .arg(decisionRef(i), decisions::verdictLabel(latest.verdict),
                                           latest.subject.toString());
        for (std::int64_t id : ids)
            states[id] << state;
    }
    return states;
}

std::vector<ReportEvidence> readEvidence(const Database &db, const std::vector<std::int64_t> &ids)
{
    EventQuery q(db);
    std::vector<ReportEvidence> out;
    for (const EventRow &row : q.rows(ids)) {
        ReportEvidence e;
        e.eventId = row.id;
        e.source = row.sourceName;
        e.line = row.event.line;
        e.timestampUs = row.event.timestampUs;
        const auto raw = q.raw(row);
        e.rawMissing = !raw.has_value();
        if (raw)
            e.raw = QString::fromUtf8(raw->data(), qsizetype(raw->size()));
        out.push_back(std::move(e));
    }
    return out;
}

/// Every noted event with its line, and every timeline entry, in time order.
void readNotes(const Database &db, ReportData &d)
{
    std::map<std::int64_t, std::vector<Note>> byEvent;
    for (const Note &n : NoteStore::all(db)) {
        if (n.eventId) {
            byEvent[n.eventId].push_back(n);
        } else {
            ReportNoted entry;
            entry.atUs = n.atUs;
            entry.notes = {n};
            d.noted.push_back(std::move(entry));
        }
    }
    std::vector<std::int64_t> ids;
    for (const auto &[id, notes] : byEvent)
        ids.push_back(id);
    for (ReportEvidence &e : readEvidence(db, ids)) {
        ReportNoted noted;
        noted.atUs = e.timestampUs;
        noted.notes = byEvent[e.eventId];
        noted.event = std::move(e);
        d.noted.push_back(std::move(noted));
    }
    std::stable_sort(d.noted.begin(), d.noted.end(),
                     [](const ReportNoted &a, const ReportNoted &b) { return a.atUs < b.atUs; });
}

/// The automatic threshold: medium, raised until at most kAutoFindingsInFull of the listed
/// findings that no decision cites are at or above it.
void chooseMinSeverity(ReportData &d,
                       const std::vector<StoredFinding> &all,
                       const std::map<std::int64_t, QStringList> &cited)
{
    std::vector<int> undecided;
    for (const StoredFinding &f : all)
        if (f.active && !cited.count(f.id))
            undecided.push_back(f.severity);
    auto inFull = [&](int threshold) {
        return std::int64_t(std::count_if(undecided.begin(), undecided.end(),
                                          [&](int s) { return s >= threshold; }));
    };
    d.inFullAtMedium = inFull(kSeverityMedium);
    int threshold = kSeverityMedium;
    while (threshold < 100 && inFull(threshold) > ReportOptions::kAutoFindingsInFull)
        ++threshold;
    d.minSeverity = threshold;
}

Status readFindings(const Database &db,
                    ReportData &d,
                    const ReportProgressFn &progress,
                    const std::atomic<bool> &cancel)
{
    const std::map<std::int64_t, QStringList> cited = citedFindings(d.decisions);
    std::vector<StoredFinding> all = FindingStore::read(db, true);
    std::sort(all.begin(), all.end(),
              [](const StoredFinding &a, const StoredFinding &b) { return a.id < b.id; });
    if (d.minSeverityAuto)
        chooseMinSeverity(d, all, cited);
    std::size_t done = 0;
    for (StoredFinding &f : all) {
        if (cancel.load())
            return cancelled();
        if (progress && ++done % 16 == 0)
            progress(20 + int(40 * done / all.size()), QStringLiteral("Reading findings"));
        if (!f.active && !cited.count(f.id)) {
            ++d.inactiveFindings;
            continue;
        }
        ReportFinding rf;
        rf.citedOnly = !f.active;
        if (const auto it = cited.find(f.id); it != cited.end())
            rf.decisionState = it->second;
        // Below the threshold and undecided: one table row, so no raw line is read.
        rf.tableOnly = f.severity < d.minSeverity && rf.decisionState.isEmpty();
        d.tableOnlyFindings += rf.tableOnly ? 1 : 0;
        std::vector<std::int64_t> ids = FindingStore::evidence(db, f.id);
        std::sort(ids.begin(), ids.end());
        rf.evidenceStored = std::int64_t(ids.size());
        if (rf.tableOnly)
            ids.clear();
        else if (ids.size() > std::size_t(d.maxEvidence))
            ids.resize(std::size_t(d.maxEvidence));
        rf.evidence = readEvidence(db, ids);
        for (QStringList *list : {&f.ips, &f.accounts, &f.hosts, &f.asns})
            std::sort(list->begin(), list->end());
        rf.finding = std::move(f);
        d.findings.push_back(std::move(rf));
    }
    return {};
}

void readDecisions(const Database &db, ReportData &d)
{
    std::map<QString, std::size_t> byKey;
    for (Decision &dec : DecisionStore::all(db)) {
        auto it = byKey.find(dec.key);
        if (it == byKey.end()) {
            it = byKey.emplace(dec.key, d.decisions.size()).first;
            d.decisions.push_back(ReportDecision{dec.key, {}, {}});
        }
        d.decisions[it->second].revisions.push_back(std::move(dec));
    }
    std::map<std::int64_t, ReportDecision *> byRevision;
    for (ReportDecision &rd : d.decisions) {
        std::sort(rd.revisions.begin(), rd.revisions.end(),
                  [](const Decision &a, const Decision &b) { return a.revision < b.revision; });
        for (const Decision &rev : rd.revisions)
            byRevision[rev.id] = &rd;
    }
    for (Review &r : DecisionStore::reviews(db)) {
        const auto it = byRevision.find(r.decisionId);
        if (it != byRevision.end())
            it->second->reviews[r.decisionId].push_back(std::move(r));
    }
    std::sort(d.decisions.begin(), d.decisions.end(),
              [](const ReportDecision &a, const ReportDecision &b) {
                  return a.revisions.front().id < b.revisions.front().id;
              });
}

void readTimeline(const Database &db, ReportData &d, const std::atomic<bool> &cancel)
{
    const TimelineSummary summary = TimelineSummary::build(db, EventFilter{}, &cancel);
    if (summary.isEmpty())
        return;
    const std::int64_t from = summary.firstUs();
    const std::int64_t to = summary.endUs();
    d.timeline.bucketUs = TimelineSummary::chooseBucketUs(to - from, 60);
    const std::int64_t start = floorDiv(from, d.timeline.bucketUs) * d.timeline.bucketUs;
    d.timeline.buckets = summary.rebucket(start, to, d.timeline.bucketUs);
    d.timeline.bands = findingBands(db, from, to, 12, &d.timeline.bandsTotal);
    std::stable_sort(d.timeline.bands.begin(), d.timeline.bands.end(),
                     [](const FindingBand &a, const FindingBand &b) {
                         return a.severity != b.severity ? a.severity > b.severity : a.id < b.id;
                     });
}

} // namespace

std::vector<const ReportFinding *> findingsBySeverity(const std::vector<ReportFinding> &findings)
{
    std::vector<const ReportFinding *> out;
    for (const ReportFinding &f : findings)
        out.push_back(&f);
    std::stable_sort(out.begin(), out.end(), [](const ReportFinding *a, const ReportFinding *b) {
        return a->finding.severity > b->finding.severity;
    });
    return out;
}

Result<ReportData> collectReportData(const CaseFile &caseFile,
                                     const ReportOptions &options,
                                     const ReportProgressFn &progress,
                                     const std::atomic<bool> &cancel)
{
    auto step = [&](int pct, const QString &what) {
        if (progress)
            progress(pct, what);
        return !cancel.load();
    };
    ReportData d;
    d.maxEvidence = options.redact ? 0 : std::max(0, options.maxEvidencePerFinding);
    d.minSeverityAuto = options.minSeverity == ReportOptions::kMinSeverityAuto;
    d.minSeverity = d.minSeverityAuto ? kSeverityMedium : std::clamp(options.minSeverity, 0, 100);
    if (!step(0, QStringLiteral("Reading the case")))
        return cancelled();
    const Database &db = caseFile.db();
    d.summary = CaseSummary::read(caseFile);
    d.summary.path.clear(); // where the file lies now is not part of the case
    readPeople(db, d);
    if (!step(5, QStringLiteral("Checking the audit trail")))
        return cancelled();
    d.trail = TrailCheck::run(db);
    if (auto key = SigningKey::loadOrCreate()) {
        d.signerFingerprint = key->fingerprint();
        d.signerPublicKey = key->publicKeyHex();
        if (auto sig = key->sign(d.trail.chain.headHash.toLatin1()))
            d.headSignature = QString::fromLatin1(sig->toHex());
        else
            d.signatureError = sig.error().message;
    } else {
        d.signatureError = key.error().message;
    }
    if (!step(10, QStringLiteral("Reading enrichment")))
        return cancelled();
    d.enrichSources = enrichmentSources(db);
    d.enrichFields = enrichmentFieldDocs(db, &d.enrichedAddresses);
    d.intelSources = intel::IntelStore::sources(db);
    if (!step(15, QStringLiteral("Reading decisions")))
        return cancelled();
    readDecisions(db, d);
    readNotes(db, d);
    if (!step(20, QStringLiteral("Reading findings")))
        return cancelled();
    if (Status s = readFindings(db, d, progress, cancel); !s)
        return s.error();
    if (!step(58, QStringLiteral("Describing addresses")))
        return cancelled();
    collectReportAddresses(db, d);
    if (!step(60, QStringLiteral("Reading rule feedback")))
        return cancelled();
    d.ruleStats = Tuning::stats(db);
    d.tuning = Tuning::list(db, true);
    if (!step(65, QStringLiteral("Summarising the timeline")))
        return cancelled();
    readTimeline(db, d, cancel);
    if (!step(72, QStringLiteral("Placing addresses on the map")))
        return cancelled();
    d.map = MapData::load(db, &cancel);
    if (!step(80, QStringLiteral("Read")))
        return cancelled();
    return d;
}

} // namespace netcase
