// The JSON report: everything the case says, no wall-clock time (the audit chain's head time is
// "as_of"), keys sorted and lists ordered by id, so the same case gives byte-identical output.

#include "report/reportdata.h"
#include "report/reportwriters.h"

#include "core/jsontext.h"
#include "core/severity.h"
#include "core/shownzone.h"
#include "core/timeutil.h"

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

using nlohmann::json;

std::string s(const QString &q)
{
    return q.toStdString();
}

json strings(const QStringList &list)
{
    json a = json::array();
    for (const QString &q : list)
        a.push_back(s(q));
    return a;
}

json timeOrNull(std::int64_t us, bool known)
{
    return known ? json(formatIsoUs(us)) : json(nullptr);
}

json caseJson(const ReportData &d)
{
    const CaseSummary &c = d.summary;
    const bool hasEvents = c.events > 0;
    return {{"title", s(c.info.title)},
            {"authorization", s(c.info.authorization)},
            {"scope", s(c.info.scope)},
            {"retention_date", s(c.info.retentionDate)},
            {"authorization_text", s(authorisationText(c.info))},
            {"no_authorization_reason", s(c.info.noAuthorizationReason)},
            {"preserved_for_incident", s(c.info.preserveReason)},
            {"purged_at", s(c.info.purgedAt)},
            {"time_zone", s(ShownZone::name())},
            {"created_at", s(c.info.createdAt)},
            {"created_by", s(c.info.createdBy)},
            {"created_with_version", s(c.info.netcaseVersion)},
            {"analysts", strings(d.analysts)},
            {"reviewers", strings(d.reviewers)},
            {"first_event", timeOrNull(c.firstTs, hasEvents)},
            {"last_event", timeOrNull(c.lastTs, hasEvents)},
            {"last_import", s(d.lastImportAt)},
            {"last_analysis", s(d.lastAnalysisAt)},
            {"events", c.events},
            {"rejects", c.rejects},
            {"distinct_ips", c.distinctIps},
            {"distinct_users", c.distinctUsers}};
}

json sourcesJson(const ReportData &d)
{
    json a = json::array();
    for (const SourceSummary &src : d.summary.sources) {
        json reasons = json::array();
        for (const auto &[reason, count] : src.rejectReasons)
            reasons.push_back({{"reason", s(reason)}, {"count", count}});
        const bool hasEvents = src.events > 0;
        a.push_back({{"id", src.id},
                     {"name", s(src.name)},
                     {"path", s(src.path)},
                     {"member", s(src.member)},
                     {"sha256", s(src.sha256)},
                     {"size", src.size},
                     {"format", s(src.format)},
                     {"timezone", s(src.timezone)},
                     {"imported_at", s(src.importedAt)},
                     {"imported_by", s(src.importedBy)},
                     {"events", src.events},
                     {"rejects", src.rejects},
                     {"first_event", timeOrNull(src.firstTs, hasEvents)},
                     {"last_event", timeOrNull(src.lastTs, hasEvents)},
                     {"reject_reasons", reasons}});
    }
    return a;
}

json enrichmentJson(const ReportData &d)
{
    json sources = json::array();
    for (const EnrichSource &e : d.enrichSources) {
        sources.push_back({{"id", e.id},
                           {"kind", s(e.kind)},
                           {"type", s(e.type)},
                           {"layout", s(e.layout)},
                           {"name", s(e.name)},
                           {"path", s(e.path)},
                           {"sha256", s(e.sha256)},
                           {"build_date", e.buildDate.isValid() ? json(
                                                  s(e.buildDate.toUTC().toString(Qt::ISODate)))
                                                                : json(nullptr)},
                           {"category", s(e.category)},
                           {"entries", e.entries >= 0 ? json(e.entries) : json(nullptr)},
                           {"loaded_at", s(e.loadedAt.toUTC().toString(Qt::ISODate))},
                           {"note", s(e.note)},
                           {"stale", e.stale},
                           {"staleness", s(e.staleness)},
                           {"attribution", s(e.attribution())}});
    }
    json fields = json::array();
    for (const EnrichFieldDoc &f : d.enrichFields)
        fields.push_back({{"field", s(f.field)},
                          {"label", s(f.label)},
                          {"why", s(f.why)},
                          {"addresses", f.addresses}});
    return {{"addresses", d.enrichedAddresses}, {"sources", sources}, {"fields", fields}};
}

json findingJson(const ReportFinding &rf)
{
    const StoredFinding &f = rf.finding;
    json evidence = json::array();
    for (const ReportEvidence &e : rf.evidence)
        evidence.push_back({{"event_id", e.eventId},
                            {"source", s(e.source)},
                            {"line", e.line},
                            {"timestamp", formatIsoUs(e.timestampUs)},
                            {"raw", e.rawMissing ? json(nullptr) : json(s(e.raw))}});
    return {{"id", f.id},
            {"kind", s(f.kind)},
            {"rule", s(f.rule)},
            {"title", s(f.title)},
            {"severity", f.severity},
            {"window", {{"from", formatIsoUs(f.firstTs)}, {"to", formatIsoUs(f.lastTs)}}},
            {"signals", f.signalList},
            {"caveats", f.caveats},
            {"details", f.details},
            {"entities",
             {{"ips", strings(f.ips)},
              {"accounts", strings(f.accounts)},
              {"hosts", strings(f.hosts)},
              {"asns", strings(f.asns)}}},
            {"active", f.active},
            {"suppressed_by", f.suppressedBy ? json(f.suppressedBy) : json(nullptr)},
            {"evidence_count", f.evidenceCount},
            {"evidence_stored", rf.evidenceStored},
            {"evidence", evidence},
            {"table_only", rf.tableOnly},
            {"decision_state", strings(rf.decisionState)}};
}

/// The summary's facts: the threshold used, the findings by level and the most severe ones.
json summaryJson(const ReportData &d)
{
    std::int64_t high = 0, medium = 0, low = 0;
    for (const ReportFinding &rf : d.findings) {
        const SeverityLevel level = severityLevel(rf.finding.severity);
        (level == SeverityLevel::High ? high : level == SeverityLevel::Medium ? medium : low)++;
    }
    const auto ordered = findingsBySeverity(d.findings);
    json top = json::array();
    for (std::size_t i = 0; i < ordered.size() && i < std::size_t(kReportTopFindings); ++i)
        top.push_back(ordered[i]->finding.id);
    return {{"min_severity", d.minSeverity},
            {"min_severity_auto", d.minSeverityAuto},
            {"findings_in_full", std::int64_t(d.findings.size()) - d.tableOnlyFindings},
            {"findings_table_only", d.tableOnlyFindings},
            {"findings_by_level", {{"high", high}, {"medium", medium}, {"low", low}}},
            {"most_severe", top}};
}

/// The Addresses appendix: each address once, with its current enrichment and sources.
json addressesJson(const ReportData &d)
{
    json a = json::array();
    for (const ReportAddress &addr : d.addresses) {
        const IpDetails &det = addr.details;
        json fields = json::array();
        for (const IpField &f : det.fields)
            fields.push_back({{"name", s(f.name)},
                              {"key", s(f.ecsKey)},
                              {"value", s(f.value)},
                              {"source_id", f.sourceId ? json(f.sourceId) : json(nullptr)}});
        json recorded = json::array();
        for (const EnrichmentValue &e : addr.recorded)
            recorded.push_back(
                    {{"field", s(e.field)}, {"value", s(e.value)}, {"source", s(e.source)}});
        json sources = json::array();
        for (const IpSourceInfo &src : det.sources)
            sources.push_back(src.id);
        a.push_back(
                {{"ip", s(addr.ip)},
                 {"ref", s(addr.ref)},
                 {"enriched", det.enriched},
                 {"fields", fields},
                 {"caveats", strings(det.caveats)},
                 {"sources", sources},
                 {"events", det.events},
                 {"first_seen", det.events > 0 ? json(formatIsoUs(det.firstUs)) : json(nullptr)},
                 {"last_seen", det.events > 0 ? json(formatIsoUs(det.lastUs)) : json(nullptr)},
                 {"recorded", recorded},
                 {"findings", addr.findings},
                 {"decisions", strings(addr.decisions)}});
    }
    return a;
}

json notesJson(const ReportData &d)
{
    json a = json::array();
    for (const ReportNoted &n : d.noted) {
        json notes = json::array();
        for (const Note &note : n.notes) {
            json j = {{"id", note.id},
                      {"kind", notes::kindName(note.kind)},
                      {"text", s(note.text)},
                      {"analyst", s(note.analyst)},
                      {"created_at", s(note.createdAt)}};
            if (note.kind == Note::Kind::Tag)
                j["color"] = s(note.color);
            notes.push_back(std::move(j));
        }
        json item = {{"timestamp", formatIsoUs(n.atUs)}, {"notes", notes}};
        if (n.event)
            item["event"] = {{"event_id", n.event->eventId},
                             {"source", s(n.event->source)},
                             {"line", n.event->line},
                             {"raw", n.event->rawMissing ? json(nullptr) : json(s(n.event->raw))}};
        else
            item["event"] = nullptr;
        a.push_back(std::move(item));
    }
    return a;
}

json decisionsJson(const ReportData &d)
{
    json a = json::array();
    for (const ReportDecision &rd : d.decisions) {
        json revisions = json::array();
        for (const Decision &rev : rd.revisions) {
            json r = decisions::toJson(rev);
            r["verdict_label"] = s(decisions::verdictLabel(rev.verdict));
            json reviews = json::array();
            const auto it = rd.reviews.find(rev.id);
            if (it != rd.reviews.end())
                for (const Review &review : it->second)
                    reviews.push_back(decisions::toJson(review));
            r["reviews"] = reviews;
            revisions.push_back(std::move(r));
        }
        a.push_back({{"key", s(rd.key)},
                     {"latest_revision", rd.latest().revision},
                     {"revisions", revisions}});
    }
    return a;
}

json figuresJson(const ReportData &d)
{
    json buckets = json::array();
    for (const TimelineBucket &b : d.timeline.buckets)
        buckets.push_back({{"start", formatIsoUs(b.startUs)},
                           {"success", b.success},
                           {"failure", b.failure},
                           {"other", b.other}});
    const MapData &m = d.map;
    return {{"timeline",
             {{"bucket_seconds", d.timeline.bucketUs / 1'000'000},
              {"buckets", buckets},
              {"findings_shown", std::int64_t(d.timeline.bands.size())},
              {"findings_total", d.timeline.bandsTotal}}},
            {"map",
             {{"locations", std::int64_t(m.locations.size())},
              {"addresses_with_events", m.ipsWithEvents},
              {"addresses_without_location", m.ipsWithoutLocation},
              {"private_addresses", m.privateIps},
              {"travel_arcs", std::int64_t(m.arcs.size())}}}};
}

json integrityJson(const ReportData &d)
{
    const TrailCheck &t = d.trail;
    return {{"intact", t.intact()},
            {"records", t.chain.records},
            {"head_hash", s(t.chain.headHash)},
            {"first_bad_record", t.chain.firstBadSeq ? json(t.chain.firstBadSeq) : json(nullptr)},
            {"chain_problem", s(t.chain.problem)},
            {"problems", strings(t.problems)},
            {"summary", s(t.summary())},
            {"head_signature", s(d.headSignature)},
            {"signer_fingerprint", s(d.signerFingerprint)},
            {"signer_public_key", s(d.signerPublicKey)},
            {"signature_error", s(d.signatureError)},
            {"signers", strings(t.signers)},
            {"netcase_version", NETCASE_VERSION}};
}

json ruleFeedbackJson(const ReportData &d)
{
    json stats = json::array();
    for (const RuleStats &r : d.ruleStats) {
        const std::int64_t reviewed = r.escalated + r.benign;
        stats.push_back({{"rule", s(r.rule)},
                         {"hits", r.hits},
                         {"escalated", r.escalated},
                         {"benign", r.benign},
                         {"benign_ratio", reviewed ? double(r.benign) / double(reviewed) : 0.0}});
    }
    json tuning = json::array();
    for (const TuningEntry &e : d.tuning)
        tuning.push_back(
                {{"id", e.id},
                 {"rule", s(e.rule)},
                 {"kind", s(TuningEntry::kindName(e.kind))},
                 {"value", s(e.value)},
                 {"reason", s(e.reason)},
                 {"created_by", s(e.createdBy)},
                 {"created_at", s(e.createdAt)},
                 {"expires_at", e.expiresAt.isEmpty() ? json(nullptr) : json(s(e.expiresAt))},
                 {"expired", e.expired(d.asOf)},
                 {"decision_id", e.decisionId ? json(e.decisionId) : json(nullptr)}});
    return {{"stats", stats}, {"tuning", tuning}};
}

/// The imported STIX / MISP files with their provenance (docs/INTEL.md).
json intelJson(const ReportData &d)
{
    json files = json::array();
    for (const intel::IntelSource &f : d.intelSources) {
        json unsupported = json::array();
        for (const intel::Unsupported &u : f.unsupported)
            unsupported.push_back({{"id", s(u.id)}, {"what", s(u.what)}, {"reason", s(u.reason)}});
        files.push_back({{"id", f.id},
                         {"format", s(f.format)},
                         {"name", s(f.name)},
                         {"sha256", s(f.sha256)},
                         {"producer", s(f.producer)},
                         {"imported_at", s(f.importedAt)},
                         {"imported_by", s(f.actor)},
                         {"indicators", f.indicators},
                         {"unsupported", unsupported}});
    }
    return {{"files", files}};
}

} // namespace

std::string reportJson(const ReportData &d)
{
    json findings = json::array();
    for (const ReportFinding &rf : d.findings)
        findings.push_back(findingJson(rf));
    const json doc = {{"schema", "netcase-report/1"},
                      {"as_of", d.asOf.isEmpty() ? json(nullptr) : json(s(d.asOf))},
                      {"redacted", d.redacted},
                      {"case", caseJson(d)},
                      {"sources", sourcesJson(d)},
                      {"enrichment", enrichmentJson(d)},
                      {"intelligence", intelJson(d)},
                      {"summary", summaryJson(d)},
                      {"addresses", addressesJson(d)},
                      {"findings",
                       {{"max_evidence_per_finding", d.maxEvidence},
                        {"min_severity", d.minSeverity},
                        {"inactive_not_listed", d.inactiveFindings},
                        {"items", findings}}},
                      {"decisions", decisionsJson(d)},
                      {"notes", notesJson(d)},
                      {"figures", figuresJson(d)},
                      {"integrity", integrityJson(d)},
                      {"rule_feedback", ruleFeedbackJson(d)}};
    return jsonText(doc, 2) + "\n";
}

} // namespace netcase
