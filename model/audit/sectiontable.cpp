#include "sectiontable.h"
#include "sectiondigest.h"

#include <QString>

#include <map>
#include <vector>

namespace netcase::digest {

namespace {

// clang-format off
const SectionDef kSections[] = {
    {"case_info", "case details", "SELECT id, * FROM case_info ORDER BY id", false, true},
    {"settings", "setting %1", "SELECT key, * FROM settings ORDER BY key", false, true},
    {"sources", "source %1", "SELECT id, * FROM sources ORDER BY id", false, true},
    {"strs", "strings with ids %1", "SELECT id / 4096, * FROM strs WHERE id >= ?1 * 4096 "
     "ORDER BY id", true, false, 4096},
    {"ips", "addresses with ids %1", "SELECT id / 4096, * FROM ips WHERE id >= ?1 * 4096 "
     "ORDER BY id", true, false, 4096},
    {"event_blocks", "event block starting at event %1", "SELECT first_id, * FROM event_blocks "
     "WHERE first_id >= ?1 ORDER BY first_id", true, false, 1,
     "SELECT first_id FROM event_blocks WHERE first_id >= ?1 ORDER BY first_id",
     "SELECT first_id, * FROM event_blocks WHERE first_id = ?1"},
    {"event_postings", "posting lists of the event block starting at event %1",
     "SELECT first_id, * FROM event_postings WHERE first_id >= ?1 ORDER BY first_id, kind, key",
     true, false, 1,
     "SELECT DISTINCT first_id FROM event_postings WHERE first_id >= ?1 ORDER BY first_id",
     "SELECT first_id, * FROM event_postings WHERE first_id = ?1 ORDER BY kind, key"},
    {"event_deleted", "removed duplicate events with ids %1",
     "SELECT id / 4096, * FROM event_deleted ORDER BY id", false, false, 4096},
    {"raw_blocks", "raw records of source %1", "SELECT source_id, * FROM raw_blocks "
     "WHERE source_id >= ?1 ORDER BY source_id, first_line", true, false, 1,
     "SELECT DISTINCT source_id FROM raw_blocks WHERE source_id >= ?1 ORDER BY source_id",
     "SELECT source_id, * FROM raw_blocks WHERE source_id = ?1 ORDER BY first_line"},
    {"rejects", "rejects of source %1", "SELECT source_id, * FROM rejects WHERE source_id >= ?1 "
     "ORDER BY source_id, id", true, false},
    {"directory", "directory entry %1", "SELECT account, * FROM directory ORDER BY account",
     false, true},
    {"enrich_sources", "enrichment source %1", "SELECT id, * FROM enrich_sources ORDER BY id",
     false, true},
    {"enrich_runs", "enrichment run %1", "SELECT id, * FROM enrich_runs ORDER BY id", false,
     true},
    {"ip_info", "enrichment results with ids %1", "SELECT id / 1024, * FROM ip_info ORDER BY id",
     false, false, 1024},
    {"analysis_runs", "analysis run %1", "SELECT id, * FROM analysis_runs ORDER BY id", false,
     true},
    {"findings", "finding %1", "SELECT id, * FROM findings ORDER BY id", false, true},
    {"finding_entities", "entities of finding %1", "SELECT finding_id, * FROM finding_entities "
     "ORDER BY finding_id, type, value", false, false},
    {"finding_evidence", "evidence of finding %1", "SELECT finding_id, * FROM finding_evidence "
     "ORDER BY finding_id, event_id", false, false},
    {"entities", "entities with ids %1", "SELECT id / 1024, * FROM entities ORDER BY id", false,
     false, 1024},
    {"links", "links of entity %1", "SELECT a, * FROM links ORDER BY a, b, kind", false, false},
    {"rule_tuning", "tuning entry %1", "SELECT id, * FROM rule_tuning ORDER BY id", false, true},
    {"rule_stats", "statistics of rule %1", "SELECT rule, * FROM rule_stats ORDER BY rule",
     false, true},
    {"decisions", "decision %1", "SELECT id, * FROM decisions WHERE id >= ?1 ORDER BY id", true,
     true},
    {"reviews", "review %1", "SELECT id, * FROM reviews WHERE id >= ?1 ORDER BY id", true, true},
    {"notes", "note %1", "SELECT id, * FROM notes ORDER BY id", false, true},
    {"saved_searches", "saved search %1", "SELECT name, * FROM saved_searches ORDER BY name",
     false, true},
    {"intel_sources", "intelligence file %1", "SELECT id, * FROM intel_sources ORDER BY id",
     false, true},
    {"intel_indicators", "indicators with ids %1", "SELECT id / 1024, * FROM intel_indicators "
     "ORDER BY id", false, false, 1024},
};
// clang-format on

} // namespace

const SectionDef *findSection(std::string_view name)
{
    for (const SectionDef &d : kSections)
        if (name == d.name)
            return &d;
    return nullptr;
}

std::span<const SectionDef> sections()
{
    return kSections;
}

std::vector<const char *> sectionsWrittenBy(const QString &action)
{
    // What an import writes; a pull from a cluster writes the same tables.
    static const std::vector<const char *> kImported
            = {"sources",        "strs",          "ips",        "event_blocks",
               "event_postings", "event_deleted", "raw_blocks", "rejects"};
    static const std::map<QString, std::vector<const char *>> kByAction = {
            {QStringLiteral("case.properties"), {"case_info"}},
            {QStringLiteral("import"), kImported},
            {QStringLiteral("pull"), kImported}, // events pulled from a ClickHouse cluster
            {QStringLiteral("mapping.save"), {"settings"}},
            {QStringLiteral("rules.override"), {"settings"}},
            {QStringLiteral("sigma.folders"), {"settings"}},    // model/sigma/sigmaanalysis
            {QStringLiteral("egress.ranges"), {"settings"}},    // model/analysis/egress
            {QStringLiteral("cluster.settings"), {"settings"}}, // model/cluster/chsettings
            {QStringLiteral("directory.import"), {"directory"}},
            {QStringLiteral("enrich"), {"enrich_sources", "enrich_runs", "ip_info"}},
            {QStringLiteral("analysis.run"),
             {"analysis_runs", "findings", "finding_entities", "finding_evidence", "entities",
              "links", "rule_stats"}},
            {QStringLiteral("rule_tuning.add"), {"rule_tuning", "settings"}},
            {QStringLiteral("rule_tuning.expire"), {"rule_tuning"}},
            {QStringLiteral("finding.verdict"), {"rule_stats"}},
            {QStringLiteral("decision.record"), {"decisions"}},
            {QStringLiteral("review.record"), {"reviews"}},
            {QStringLiteral("note.add"), {"notes"}},
            {QStringLiteral("note.remove"), {"notes"}},
            {QStringLiteral("search.save"), {"saved_searches"}},
            {QStringLiteral("search.delete"), {"saved_searches"}},
            {QStringLiteral("intel.import"), {"intel_sources", "intel_indicators"}},
            {QStringLiteral("case.preserve"), {"settings"}}, // case/retention
            {QStringLiteral("case.release"), {"settings"}},
            {QStringLiteral("case.time_zone"), {"settings"}}, // case/casezone
            {QStringLiteral("case.purge"),
             {"event_blocks", "event_postings", "event_deleted", "raw_blocks", "rejects",
              "settings"}},
    };
    if (action == QLatin1String("case.create") || action == QLatin1String("case.seal")) {
        std::vector<const char *> all;
        for (const SectionDef &d : kSections)
            all.push_back(d.name);
        return all;
    }
    const auto it = kByAction.find(action);
    return it == kByAction.end() ? std::vector<const char *>{} : it->second;
}

} // namespace netcase::digest
