#include "sectiondigest.h"

#include "chunkhash.h"

#include "case/sqlite.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>

namespace netcase::digest {

namespace {

struct SectionDef
{
    const char *name;
    const char *label; ///< "%1" is the chunk key (or its id range)
    const char *sql;   ///< k, then the row's columns; append-only ones take "k >= ?1"
    bool appendOnly;   ///< a chunk's first hash is kept (only the newest may still grow)
    bool content;      ///< one row per chunk, kept as JSON so verify can name the column
    int chunkSize = 1; ///< ids per chunk, for the label
    /// For sections whose writers hash what they write (KnownChunks): the chunk keys from ?1
    /// on, and one chunk's rows (key ?1), so only the chunks not known are read.
    const char *keysSql = nullptr;
    const char *chunkSql = nullptr;
};

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

const SectionDef *findSection(std::string_view name)
{
    for (const SectionDef &d : kSections)
        if (name == d.name)
            return &d;
    return nullptr;
}

bool allDigits(const std::string &s)
{
    return !s.empty()
           && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Numeric keys in numeric order, before any text key; text keys bytewise.
struct KeyLess
{
    bool operator()(const std::string &a, const std::string &b) const
    {
        const bool da = allDigits(a), db = allDigits(b);
        if (da != db)
            return da;
        if (da && a.size() != b.size())
            return a.size() < b.size();
        return a < b;
    }
};

struct Chunk
{
    std::string hash;
    std::string content; ///< the row as JSON, for sections that keep it
};

using Chunks = std::map<std::string, Chunk, KeyLess>;

nlohmann::json columnValue(const Statement &st, int col)
{
    switch (st.columnType(col)) {
    case 1:
        return st.int64(col);
    case 2:
        return st.real(col);
    case 4: {
        const QByteArray b = st.blob(col);
        Sha256 h;
        h.addData(std::string_view(b.constData(), size_t(b.size())));
        return {{"blob_sha256", h.hexResult()}};
    }
    case 5:
        return nullptr;
    default:
        return std::string(st.textView(col));
    }
}

/// A row into the chunk's hash without building text (chunkhash.h's encoding). Used for sections
/// that do not keep rows.
void hashRow(const Statement &st, Sha256 &h)
{
    char num[32];
    QByteArray blob;
    for (int c = 1; c < st.columnCount(); ++c) {
        const int type = st.columnType(c);
        std::string_view bytes;
        switch (type) {
        case 1: {
            const auto end = std::to_chars(num, num + sizeof num, st.int64(c)).ptr;
            bytes = std::string_view(num, size_t(end - num));
            break;
        }
        case 2: {
            const int n = std::snprintf(num, sizeof num, "%.17g", st.real(c));
            bytes = std::string_view(num, size_t(n));
            break;
        }
        case 4:
            blob = st.blob(c);
            bytes = std::string_view(blob.constData(), size_t(blob.size()));
            break;
        case 5:
            break;
        default:
            bytes = st.textView(c);
            break;
        }
        addColumn(h, ColumnType(type), bytes);
    }
}

std::string rowText(const Statement &st)
{
    nlohmann::json row = nlohmann::json::object();
    for (int c = 1; c < st.columnCount(); ++c)
        row[st.columnName(c)] = columnValue(st, c);
    return row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// The chunks of the rows `sql` returns, its ?1 bound to `from` when `bind`.
Result<Chunks>
scanRows(const Database &db, const SectionDef &def, const char *sql, bool bind, std::int64_t from)
{
    Chunks out;
    if (!db.hasTable(def.name)) // a section newer than the case (read-only, not migrated)
        return out;
    Statement st = db.prepare(sql);
    if (!st.valid())
        return makeError(
                QStringLiteral("cannot read %1: %2").arg(QLatin1String(def.name), db.lastError()));
    if (bind)
        st.bind(1, from);
    std::string key;
    Sha256 h;
    Chunk current;
    bool open = false;
    auto close = [&] {
        if (!open)
            return;
        current.hash = h.hexResult();
        out[key] = std::move(current);
        current = {};
    };
    while (st.step()) {
        std::string k(st.textView(0));
        if (!open || k != key) {
            close();
            key = std::move(k);
            open = true;
        }
        if (def.content) {
            current.content = rowText(st);
            h.addData(current.content);
            h.addData("\n");
        } else {
            hashRow(st, h);
        }
    }
    close();
    if (st.failed())
        return makeError(
                QStringLiteral("cannot read %1: %2").arg(QLatin1String(def.name), st.lastError()));
    return out;
}

Result<Chunks> scan(const Database &db, const SectionDef &def, std::int64_t from)
{
    return scanRows(db, def, def.sql, def.appendOnly, from);
}

/// scan() for a section whose new chunks were hashed by their writer: the keys are listed (no
/// blob is read) and only the chunks not in `known` are read and hashed.
Result<Chunks>
scanKnown(const Database &db, const SectionDef &def, std::int64_t from, const KnownChunks &known)
{
    Chunks out;
    Statement keys = db.prepare(def.keysSql);
    if (!keys.valid())
        return makeError(
                QStringLiteral("cannot read %1: %2").arg(QLatin1String(def.name), db.lastError()));
    keys.bind(1, from);
    std::vector<std::int64_t> unknown;
    while (keys.step()) {
        std::string key(keys.textView(0));
        if (const std::string *hash = known.find(def.name, key))
            out[std::move(key)].hash = *hash;
        else
            unknown.push_back(keys.int64(0));
    }
    if (keys.failed())
        return makeError(QStringLiteral("cannot read %1: %2")
                                 .arg(QLatin1String(def.name), keys.lastError()));
    for (std::int64_t key : unknown) {
        auto chunk = scanRows(db, def, def.chunkSql, true, key);
        if (!chunk)
            return chunk.error();
        for (auto &[k, c] : *chunk)
            out[k] = std::move(c);
    }
    return out;
}

Chunks readStored(const Database &db, const char *section)
{
    Chunks out;
    if (!db.hasTable("audit_rows"))
        return out;
    Statement st = db.prepare("SELECT key, hash, content FROM audit_rows WHERE section = ?");
    st.bind(1, section);
    while (st.step())
        out[std::string(st.textView(0))]
                = {std::string(st.textView(1)), std::string(st.textView(2))};
    return out;
}

std::string rootOf(const Chunks &chunks)
{
    Sha256 h;
    for (const auto &[key, chunk] : chunks) {
        const std::string line = key + '\x1f' + chunk.hash + '\n';
        h.addData(line);
    }
    return h.hexResult();
}

QString keyText(const SectionDef &def, const std::string &key)
{
    QString k = QString::fromStdString(key);
    if (def.chunkSize > 1 && allDigits(key)) {
        const std::int64_t first = std::stoll(key) * def.chunkSize;
        k = QStringLiteral("%1-%2")
                    .arg(std::max<std::int64_t>(first, 1))
                    .arg(first + def.chunkSize - 1);
    }
    const QString label = QString::fromLatin1(def.label);
    return label.contains(QLatin1String("%1")) ? label.arg(k) : label;
}

struct Recorded
{
    std::string root;
    QString action;
    QString at;
};

std::map<std::string, Recorded> readRecorded(const Database &db)
{
    std::map<std::string, Recorded> out;
    Statement st = db.prepare("SELECT at, action, payload FROM audit_log WHERE payload LIKE "
                              "'%\"digests\"%' ORDER BY seq");
    while (st.valid() && st.step()) {
        const auto payload = nlohmann::json::parse(st.textView(2), nullptr, false);
        if (!payload.is_object() || !payload.contains("digests") || !payload["digests"].is_object())
            continue;
        for (const auto &[name, d] : payload["digests"].items())
            if (d.is_object() && d.contains("root") && d["root"].is_string())
                out[name] = {d["root"].get<std::string>(), st.text(1), st.text(0)};
    }
    return out;
}

QString shortValue(const nlohmann::json &v)
{
    QString s = QString::fromStdString(
            v.is_string() ? v.get<std::string>()
                          : v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (s.size() > 80)
        s = s.left(77) + QStringLiteral("...");
    return s;
}

/// What differs in one chunk: the first column, when both rows were kept; %1 is "recorded at".
QString changeOf(const Chunk &was, const Chunk &now, const QString &when)
{
    const auto a = nlohmann::json::parse(was.content, nullptr, false);
    const auto b = nlohmann::json::parse(now.content, nullptr, false);
    if (a.is_object() && b.is_object()) {
        for (const auto &[col, value] : b.items()) {
            if (!a.contains(col) || a[col] != value)
                return QStringLiteral("%1 differs from the one %2 (now \"%3\", then \"%4\")")
                        .arg(QString::fromStdString(col), when, shortValue(value),
                             shortValue(a.value(col, nlohmann::json())));
        }
    }
    return QStringLiteral("its content differs from the hash %1").arg(when);
}

/// The first chunk where the case and its recorded digests disagree, and how many do.
QString firstDifference(const SectionDef &def,
                        const Chunks &live,
                        const Chunks &stored,
                        const Recorded &rec)
{
    const QString when = QStringLiteral("recorded at %1 on %2").arg(rec.action, rec.at);
    QString first;
    int count = 0;
    auto note = [&](const QString &what) {
        if (first.isEmpty())
            first = what;
        ++count;
    };
    auto l = live.begin();
    auto s = stored.begin();
    KeyLess less;
    while (l != live.end() || s != stored.end()) {
        if (s == stored.end() || (l != live.end() && less(l->first, s->first))) {
            note(QStringLiteral("%1: not in the digests %2 (added outside Netcase)")
                         .arg(keyText(def, l->first), when));
            ++l;
        } else if (l == live.end() || less(s->first, l->first)) {
            note(QStringLiteral("%1: missing (removed); it is in the digests %2")
                         .arg(keyText(def, s->first), when));
            ++s;
        } else {
            if (l->second.hash != s->second.hash) {
                const QString what
                        = def.content ? changeOf(s->second, l->second, when)
                                      : QStringLiteral("its content differs from the hash %1")
                                                .arg(when);
                note(QStringLiteral("%1: %2").arg(keyText(def, l->first), what));
            }
            ++l;
            ++s;
        }
    }
    if (count > 1)
        first += QStringLiteral(" (%1 differences in %2)").arg(count).arg(QLatin1String(def.name));
    return first;
}

} // namespace

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
            {QStringLiteral("sigma.folders"), {"settings"}}, // model/sigma/sigmaanalysis
            {QStringLiteral("egress.ranges"), {"settings"}}, // model/analysis/egress
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

Result<nlohmann::json>
refresh(Database &db, const std::vector<const char *> &sections, const KnownChunks *known)
{
    nlohmann::json out = nlohmann::json::object();
    if (!db.hasTable("audit_rows"))
        return out;
    Statement put = db.prepare("INSERT OR REPLACE INTO audit_rows(section, key, hash, content) "
                               "VALUES (?, ?, ?, ?)");
    for (const char *name : sections) {
        const SectionDef *def = findSection(name);
        if (!def)
            continue;
        Chunks stored;
        std::int64_t from = std::numeric_limits<std::int64_t>::min();
        if (def->appendOnly) {
            stored = readStored(db, name);
            if (!stored.empty() && allDigits(stored.rbegin()->first))
                from = std::stoll(stored.rbegin()->first);
        } else {
            Statement del = db.prepare("DELETE FROM audit_rows WHERE section = ?");
            del.bind(1, name);
            if (Status s = del.exec(); !s)
                return s.error();
        }
        const bool useKnown = known && def->keysSql && known->sections.count(name) > 0;
        auto live = useKnown ? scanKnown(db, *def, from, *known) : scan(db, *def, from);
        if (!live)
            return live.error();
        for (auto &[key, chunk] : *live) {
            put.bind(1, name).bind(2, std::string_view(key)).bind(3, std::string_view(chunk.hash));
            if (def->content)
                put.bind(4, std::string_view(chunk.content));
            else
                put.bindNull(4);
            if (Status s = put.exec(); !s)
                return s.error();
            put.reset();
            stored[key] = std::move(chunk);
        }
        out[name] = {{"root", rootOf(stored)}, {"chunks", stored.size()}};
    }
    return out;
}

Status forget(Database &db, const std::vector<const char *> &sections)
{
    if (!db.hasTable("audit_rows"))
        return {};
    Statement del = db.prepare("DELETE FROM audit_rows WHERE section = ?");
    for (const char *name : sections) {
        del.bind(1, name);
        if (Status s = del.exec(); !s)
            return s;
        del.reset();
    }
    return {};
}

Coverage check(const Database &db, const std::vector<const char *> &only)
{
    Coverage cov;
    const auto recorded = readRecorded(db);
    for (const SectionDef &def : kSections) {
        if (!only.empty() && std::none_of(only.begin(), only.end(), [&def](const char *name) {
                return std::string_view(name) == def.name;
            }))
            continue;
        auto live = scan(db, def, std::numeric_limits<std::int64_t>::min());
        if (!live) {
            cov.problems << live.error().message;
            continue;
        }
        const auto rec = recorded.find(def.name);
        if (rec == recorded.end()) {
            if (!live->empty())
                cov.notCovered << QString::fromLatin1(def.name);
            continue;
        }
        ++cov.sectionsChecked;
        const Chunks stored = readStored(db, def.name);
        const QString diff = firstDifference(def, *live, stored, rec->second);
        if (rootOf(stored) != rec->second.root) {
            QString p = QStringLiteral("%1: the row digests differ from the root recorded at %2 "
                                       "on %3 (audit_rows altered)")
                                .arg(QLatin1String(def.name), rec->second.action, rec->second.at);
            if (!diff.isEmpty())
                p += QStringLiteral("; ") + diff;
            cov.problems << p;
        } else if (!diff.isEmpty()) {
            cov.problems << diff;
        }
    }
    return cov;
}

} // namespace netcase::digest
