#include "sourcestore.h"

#include "sqlite.h"

namespace netcase {

Result<std::int64_t> SourceStore::begin(Database &db, const SourceRecord &s)
{
    Statement ins = db.prepare(
            "INSERT INTO sources(name, path, member, sha256, size, format, timezone, options, "
            "imported_at, imported_by) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?)");
    ins.bind(1, s.name).bind(2, s.path).bind(3, s.member).bind(4, s.size).bind(5, s.format);
    ins.bind(6, s.timezone).bind(7, s.options).bind(8, s.importedAt).bind(9, s.importedBy);
    if (Status st = ins.exec(); !st.ok())
        return st.error();
    return db.lastInsertId();
}

Status SourceStore::finish(Database &db, std::int64_t id, const SourceCounts &c)
{
    Statement upd = db.prepare("UPDATE sources SET sha256 = ?, events = ?, rejects = ?, "
                               "first_ts = ?, last_ts = ?, duplicates = ? WHERE id = ?");
    upd.bind(1, c.sha256).bind(2, c.events).bind(3, c.rejects);
    if (c.events > 0)
        upd.bind(4, c.firstTs).bind(5, c.lastTs);
    else
        upd.bindNull(4).bindNull(5);
    upd.bind(6, c.duplicates).bind(7, id);
    return upd.exec();
}

std::optional<QString>
SourceStore::sameContent(const Database &db, const QString &sha256, const QString &member)
{
    Statement dup = db.prepare("SELECT name FROM sources WHERE sha256 = ? AND member = ?");
    dup.bind(1, sha256).bind(2, member);
    if (!dup.step())
        return std::nullopt;
    return dup.text(0);
}

std::optional<std::pair<std::int64_t, std::int64_t>>
SourceStore::eventSpan(const Database &db, std::int64_t id, std::int64_t firstEventId)
{
    Statement span
            = db.prepare("SELECT min(ts), max(ts) FROM events WHERE id >= ? AND source_id = ?");
    span.bind(1, firstEventId).bind(2, id);
    if (!span.step() || span.isNull(0))
        return std::nullopt;
    return std::pair{span.int64(0), span.int64(1)};
}

std::map<std::int64_t, QString> SourceStore::formats(const Database &db)
{
    std::map<std::int64_t, QString> out;
    Statement st = db.prepare("SELECT id, format FROM sources");
    while (st.step())
        out[st.int64(0)] = st.text(1);
    return out;
}

std::vector<RejectedLine>
SourceStore::rejects(const Database &db, std::int64_t id, int limit, const QString &reason)
{
    std::vector<RejectedLine> out;
    Statement st = db.prepare("SELECT line, reason, raw FROM rejects WHERE source_id = ?1 AND "
                              "(?2 = '' OR reason = ?2) ORDER BY line, id LIMIT ?3");
    st.bind(1, id).bind(2, reason).bind(3, limit);
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2)});
    return out;
}

} // namespace netcase
