#pragma once

// Everything a report shows, read from the case into plain values once, so the HTML, PDF and
// JSON writers format the same facts and never touch the database themselves. Ordering is
// stable (by id) so the same case always gives the same data.

#include "report/report.h"

#include "analysis/findingstore.h"
#include "analysis/tuning.h"
#include "audit/decision.h"
#include "audit/trailcheck.h"
#include "case/casesummary.h"
#include "case/notestore.h"
#include "enrich/enrichsource.h"
#include "enrich/ipdetails.h"
#include "intel/intelstore.h"
#include "items/mapdata.h"
#include "items/timelinesummary.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace netcase {

class CaseFile;
class Database;

/// One evidence event of a finding with its original log line.
struct ReportEvidence
{
    std::int64_t eventId = 0;
    QString source;
    std::int64_t line = 0;
    std::int64_t timestampUs = 0;
    QString raw;             ///< the record as logged (invalid UTF-8 replaced)
    bool rawMissing = false; ///< the case does not hold the raw record
};

struct ReportFinding
{
    StoredFinding finding;
    std::vector<ReportEvidence> evidence; ///< the first maxEvidence events, by id
    std::int64_t evidenceStored = 0;      ///< evidence ids the case keeps for the finding
    bool citedOnly = false;               ///< no longer produced, kept because a decision cites it
    /// Below the report's minimum severity and cited by no decision: one table row, no detail.
    bool tableOnly = false;
    /// The latest verdict of each decision citing the finding (as subject or in a factor):
    /// "D2 Block (ip:203.0.113.7)"; empty when none does.
    QStringList decisionState;
};

/// An address described once (the report's Addresses appendix): its current enrichment with
/// the source of each value, its caveats, and the enrichment values decisions recorded for it.
/// Factors and findings refer to it by ref instead of repeating it.
struct ReportAddress
{
    QString ip;
    QString ref; ///< "A12", in the appendix's order
    /// The current enrichment field by field with its source, caveats and activity, as the IP
    /// details view shows it (enrich/ipdetails.h; someAccounts and intel left empty).
    IpDetails details;
    /// The enrichment decisions recorded as shown to the analyst (factor.enrichment), once
    /// each: field, value and source at the time of the decision.
    std::vector<EnrichmentValue> recorded;
    std::vector<std::int64_t> findings; ///< findings shown in detail naming the address
    QStringList decisions;              ///< "D2": decisions naming it (decisionRef())
};

/// A decision with every revision (oldest first) and the reviews of each revision.
struct ReportDecision
{
    QString key;
    std::vector<Decision> revisions;
    std::map<std::int64_t, std::vector<Review>> reviews; ///< by decision (revision) id
    const Decision &latest() const { return revisions.back(); }
};

/// An enrichment field: what it is, why Netcase collects it, how many addresses have it.
struct EnrichFieldDoc
{
    QString field;
    QString label;
    QString why;
    std::int64_t addresses = 0;
};

struct ReportTimeline
{
    std::int64_t bucketUs = 0;
    std::vector<TimelineBucket> buckets;
    std::vector<FindingBand> bands; ///< most severe first
    std::int64_t bandsTotal = 0;
};

/// The analyst's notes (case/notestore.h) on one event, with the event's line; or a timeline
/// entry of the analyst's own (event empty).
struct ReportNoted
{
    std::int64_t atUs = 0; ///< the event's time, or the entry's
    std::vector<Note> notes;
    std::optional<ReportEvidence> event;
};

struct ReportData
{
    int maxEvidence = 10;
    /// Findings below it that no decision cites are table rows only (ReportFinding::tableOnly).
    int minSeverity = 0;
    /// The threshold was chosen by the report (ReportOptions::kMinSeverityAuto) ...
    bool minSeverityAuto = false;
    /// ... and this many findings would have been in full at medium.
    std::int64_t inFullAtMedium = 0;
    /// Raw lines left out and non-subject accounts and addresses pseudonymised (redact.h).
    bool redacted = false;
    CaseSummary summary;
    QStringList analysts;  ///< everyone who created, imported, analysed, decided or tuned
    QStringList reviewers; ///< everyone who reviewed a decision
    QString lastImportAt;
    QString lastAnalysisAt;

    QList<EnrichSource> enrichSources;
    std::int64_t enrichedAddresses = 0;
    std::vector<EnrichFieldDoc> enrichFields;
    std::vector<intel::IntelSource> intelSources; ///< imported STIX / MISP files (docs/INTEL.md)

    std::vector<ReportFinding> findings;  ///< by id
    std::int64_t inactiveFindings = 0;    ///< no longer produced and not cited (not listed)
    std::int64_t tableOnlyFindings = 0;   ///< findings listed as one table row (tableOnly)
    std::vector<ReportAddress> addresses; ///< the Addresses appendix, in address order

    std::vector<ReportDecision> decisions; ///< by id of the first revision
    std::vector<ReportNoted> noted;        ///< noted events and timeline entries, by time

    TrailCheck trail;
    /// The head hash signed with the exporting analyst's key (Ed25519 over the 64 hex
    /// characters), the key's fingerprint and public key; or why it could not be signed.
    QString headSignature;
    QString signerFingerprint;
    QString signerPublicKey;
    QString signatureError;
    QString asOf; ///< time of the audit chain's head record: the state the report shows

    std::vector<RuleStats> ruleStats;
    std::vector<TuningEntry> tuning; ///< every entry, expired ones too

    ReportTimeline timeline;
    MapData map;
};

/// Addresses of one finding shown in detail that the Addresses appendix describes (the first
/// ones in the finding's order); the finding says how many more it names.
constexpr int kReportAddressesPerFinding = 4;

/// Fills d.addresses from the decisions and the findings shown in detail (reportaddresses.cpp).
void collectReportAddresses(const Database &db, ReportData &d);
/// "D3": how the report refers to d.decisions[index].
QString decisionRef(std::size_t index);
/// Address → its appendix reference ("A12").
QHash<QString, QString> addressRefs(const ReportData &d);

/// How many of the most severe findings the summary names, one line each.
constexpr int kReportTopFindings = 10;

/// Findings in reading order: most severe first, then by id.
std::vector<const ReportFinding *> findingsBySeverity(const std::vector<ReportFinding> &findings);

/// Reads the report's data; the caller holds a read transaction. progress gets 0..100.
Result<ReportData> collectReportData(const CaseFile &caseFile,
                                     const ReportOptions &options,
                                     const ReportProgressFn &progress,
                                     const std::atomic<bool> &cancel);

} // namespace netcase
