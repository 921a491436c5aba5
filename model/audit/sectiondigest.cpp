#include "sectiondigest.h"

#include "chunkhash.h"
#include "sectiontable.h"

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
    for (const SectionDef &def : sections()) {
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
