#include "overlap.h"

#include "core/fields.h"
#include "eventquery.h"
#include "sqlite.h"
#include "store/eventstore.h"

#include <algorithm>
#include <vector>

namespace netcase::overlap {

namespace {

// Every normalised column but the source and line: equal in all of them means the same record.
std::vector<std::string> comparedColumns()
{
    std::vector<std::string> cols;
    for (const FieldDef &f : eventFields())
        if (f.type != FieldType::Time)
            cols.emplace_back(f.column);
    return cols;
}

std::string columnList()
{
    std::string cols = "id, source_id, ts";
    for (const std::string &c : comparedColumns())
        cols += ", " + c;
    return cols;
}

// The earlier events that could repeat the new source's: same format, other sources, inside
// its time span. Copied into a TEMP table with an index on time, so each new event is checked
// with one index probe (the event store itself prunes by block, not by exact time).
Status copyCandidates(Database &db, const NewSource &source)
{
    (void)db.exec("DROP TABLE IF EXISTS temp.overlap_old");
    Statement copy = db.prepare("CREATE TEMP TABLE overlap_old AS SELECT " + columnList()
                                + " FROM events WHERE ts BETWEEN ?1 AND ?2 AND source_id IN "
                                  "(SELECT id FROM sources WHERE id <> ?3 AND format = ?4)");
    if (!copy.valid())
        return makeError(db.lastError());
    copy.bind(1, source.firstTs).bind(2, source.lastTs).bind(3, source.id).bind(4, source.format);
    if (Status s = copy.exec(); !s.ok())
        return s;
    return db.exec("CREATE INDEX temp.overlap_old_ts ON overlap_old(ts)");
}

std::string repeatQuery()
{
    std::string sql = "SELECT n.id, n.line, (SELECT o.id FROM temp.overlap_old o WHERE "
                      "o.ts = n.ts";
    for (const std::string &c : comparedColumns())
        sql += " AND o." + c + " IS n." + c;
    sql += " LIMIT 1) FROM events n WHERE n.source_id = ?2 AND n.id >= ?1";
    return sql;
}

struct Repeat
{
    std::int64_t eventId = 0;
    std::int64_t line = 0;
    std::int64_t earlierId = 0;
    std::string raw;
};

// The raw text of each repeated line (stored or rebuilt from its event), reading only the blocks
// that hold one.
void loadRaw(const Database &db, std::vector<Repeat> &repeats)
{
    std::sort(repeats.begin(), repeats.end(),
              [](const Repeat &a, const Repeat &b) { return a.line < b.line; });
    const EventQuery q(db);
    constexpr size_t kPage = 512; // rows read at a time: a whole file may repeat an earlier one
    for (size_t begin = 0; begin < repeats.size(); begin += kPage) {
        const size_t end = std::min(repeats.size(), begin + kPage);
        std::vector<std::int64_t> ids;
        for (size_t i = begin; i < end; ++i)
            ids.push_back(repeats[i].eventId);
        size_t next = begin;
        for (const EventRow &row : q.rows(ids)) { // in the order asked, each at most once
            while (next < end && repeats[next].eventId != row.id)
                ++next; // not found: keeps an empty text
            if (next < end)
                repeats[next++].raw = q.raw(row).value_or(std::string());
        }
    }
}

} // namespace

bool possible(const Database &db, const NewSource &source)
{
    Statement st = db.prepare("SELECT EXISTS (SELECT 1 FROM sources WHERE id <> ? AND format = ? "
                              "AND events > 0 AND first_ts <= ? AND last_ts >= ?)");
    st.bind(1, source.id).bind(2, source.format).bind(3, source.lastTs).bind(4, source.firstTs);
    return st.step() && st.int64(0) != 0;
}

Result<std::int64_t> moveRepeats(Database &db, const NewSource &source)
{
    std::vector<Repeat> repeats;
    if (Status s = copyCandidates(db, source); !s.ok())
        return makeError(
                QStringLiteral("cannot look for overlapping records: %1").arg(s.error().message));
    {
        Statement q = db.prepare(repeatQuery());
        if (!q.valid())
            return makeError(
                    QStringLiteral("cannot look for overlapping records: %1").arg(db.lastError()));
        q.bind(1, source.firstEventId).bind(2, source.id);
        while (q.step()) {
            if (!q.isNull(2))
                repeats.push_back({q.int64(0), q.int64(1), q.int64(2), {}});
        }
    }
    (void)db.exec("DROP TABLE temp.overlap_old");
    if (repeats.empty())
        return std::int64_t(0);
    loadRaw(db, repeats);

    // The reason names the earlier source (not its line), so reject summaries group by file.
    Statement earlier = db.prepare("SELECT s.name FROM events o JOIN sources s ON "
                                   "s.id = o.source_id WHERE o.id = ?");
    Statement reject
            = db.prepare("INSERT INTO rejects(source_id, line, reason, raw) VALUES (?, ?, ?, ?)");
    std::vector<std::int64_t> dropped;
    for (const Repeat &r : repeats) {
        earlier.bind(1, r.earlierId);
        const QString from = earlier.step() ? earlier.text(0) : QStringLiteral("another source");
        earlier.reset();
        const QString reason
                = QStringLiteral("duplicate of an event already imported from %1 (overlapping "
                                 "files)")
                          .arg(from);
        reject.bind(1, source.id).bind(2, r.line).bind(3, reason).bind(4, r.raw);
        if (Status s = reject.exec(); !s.ok())
            return s.error();
        dropped.push_back(r.eventId);
    }
    if (Status s = deleteEvents(db, dropped); !s.ok())
        return s.error();
    return std::int64_t(repeats.size());
}

} // namespace netcase::overlap
