#include "eventwriter.h"

#include <sqlite3.h>

namespace netcase {

namespace {

int ipFamily(std::string_view ip)
{
    return ip.find(':') != std::string_view::npos ? 6 : 4;
}

// NULL in the store for an empty (0) id.
std::int64_t idOrNull(std::int64_t id)
{
    return id ? id : kNull;
}

} // namespace

EventWriter::EventWriter(Database &db, std::int64_t sourceId)
    : m_db(db)
    , m_sourceId(sourceId)
    , m_store(db, sourceId, nextEventId(db))
{
    m_insertStr = db.prepareRaw("INSERT OR IGNORE INTO strs(s) VALUES (?)");
    m_findStr = db.prepareRaw("SELECT id FROM strs WHERE s = ?");
    m_insertIp = db.prepareRaw("INSERT OR IGNORE INTO ips(ip, family) VALUES (?, ?)");
    m_findIp = db.prepareRaw("SELECT id FROM ips WHERE ip = ?");
    m_insertReject
            = db.prepare("INSERT INTO rejects(source_id, line, reason, raw) VALUES (?,?,?,?)");
    m_insertRaw = db.prepare(
            "INSERT INTO raw_blocks(source_id, first_line, last_line, data) VALUES (?,?,?,?)");
}

EventWriter::~EventWriter()
{
    for (sqlite3_stmt *st : {m_insertStr, m_findStr, m_insertIp, m_findIp})
        sqlite3_finalize(st);
}

std::int64_t EventWriter::store(std::string_view s, bool ip)
{
    sqlite3_stmt *insert = ip ? m_insertIp : m_insertStr;
    sqlite3_stmt *find = ip ? m_findIp : m_findStr;
    if (!insert || !find)
        return 0;
    // Insert first: for a new string (the common case) that is the only statement needed.
    sqlite3_bind_text(insert, 1, s.data(), int(s.size()), SQLITE_STATIC);
    if (ip)
        sqlite3_bind_int(insert, 2, ipFamily(s));
    const int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    std::int64_t id = 0;
    if (rc == SQLITE_DONE && sqlite3_changes(m_db.handle()) == 1) {
        id = sqlite3_last_insert_rowid(m_db.handle());
    } else {
        sqlite3_bind_text(find, 1, s.data(), int(s.size()), SQLITE_STATIC);
        if (sqlite3_step(find) == SQLITE_ROW)
            id = sqlite3_column_int64(find, 0);
        sqlite3_reset(find);
    }
    if (!id && m_error.isEmpty())
        m_error = QStringLiteral("cannot store '%1': %2")
                          .arg(QString::fromUtf8(s.data(),
                                                 qsizetype(std::min<size_t>(s.size(), 80))),
                               m_db.lastError());
    return id;
}

std::int64_t EventWriter::intern(std::string_view s, bool ip)
{
    if (s.empty())
        return 0;
    InternMap &cache = ip ? m_ips : m_strs;
    const std::uint64_t hash = InternMap::hashOf(s);
    if (const std::int64_t id = cache.find(s, hash))
        return id;
    const std::int64_t id = store(s, ip);
    if (id)
        cache.insert(s, id, hash);
    return id;
}

std::int64_t EventWriter::internRepeated(const TextColumn &c, std::string_view s)
{
    Memo &m = m_memo[size_t(c.column)];
    if (m.id && s == m.text)
        return m.id;
    m.id = intern(s, c.ip);
    m.text.assign(s);
    return m.id;
}

Status EventWriter::addEvent(const Event &e)
{
    fillNumbers(e, m_row);
    for (const TextColumn &c : kTextColumns) {
        const std::string &s = e.*c.field;
        m_row[size_t(c.column)] = idOrNull(c.repeats ? internRepeated(c, s) : intern(s, c.ip));
    }
    if (!m_error.isEmpty())
        return makeError(m_error);
    return appendRow(m_row, e.labels);
}

Status EventWriter::addInterned(InternedEvents &b)
{
    if (b.restart)
        m_provisional.clear();
    for (const InternedEvents::NewText &t : b.added) {
        const std::int64_t id = store(b.textOf(t), t.ip);
        if (!id)
            return makeError(m_error);
        if (m_provisional.size() <= t.id)
            m_provisional.resize(size_t(t.id) + 1, 0);
        m_provisional[t.id] = id;
    }
    for (size_t i = 0; i < b.count; ++i) {
        EventInts &row = b.rows[i];
        for (const TextColumn &c : kTextColumns) {
            std::int64_t &v = row[size_t(c.column)];
            if (v == 0) {
                v = kNull;
            } else if (size_t(v) < m_provisional.size() && m_provisional[size_t(v)] != 0) {
                v = m_provisional[size_t(v)];
            } else {
                return makeError(QStringLiteral("event of line %1 refers to text the import did "
                                                "not pass on (internal error)")
                                         .arg(row[ColLine]));
            }
        }
        if (Status s = appendRow(row, b.labels[i]); !s.ok())
            return s;
    }
    return {};
}

Status EventWriter::appendRow(const EventInts &row, const std::string &labels)
{
    if (auto stored = m_store.append(row, labels, labels.empty()); !stored)
        return makeError(QStringLiteral("cannot store event of line %1: %2")
                                 .arg(row[ColLine])
                                 .arg(stored.error().message));
    ++m_events;
    m_firstTs = std::min(m_firstTs, row[ColTs]);
    m_lastTs = std::max(m_lastTs, row[ColTs]);
    return {};
}

Status EventWriter::add(const Event &e, std::string_view raw)
{
    if (Status s = addEvent(e); !s.ok())
        return s;
    m_rawBuilder.append(e.line, raw);
    if (m_rawBuilder.full()) {
        m_rawBuilder.pack(m_packed);
        return addRawBlock(m_packed);
    }
    return {};
}

Status EventWriter::addRawBlock(PackedRawBlock &block)
{
    if (block.records == 0)
        return {};
    block.compress();
    m_insertRaw.bind(1, m_sourceId).bind(2, block.firstLine).bind(3, block.lastLine);
    m_insertRaw.bindBlob(4, block.data.data(), int(block.data.size()));
    return m_insertRaw.exec();
}

Status EventWriter::reject(std::int64_t line, std::string_view reason, std::string_view raw)
{
    m_insertReject.bind(1, m_sourceId).bind(2, line).bind(3, reason).bind(4, raw);
    ++m_rejects;
    return m_insertReject.exec();
}

Status EventWriter::finish()
{
    if (!m_rawBuilder.empty()) {
        m_rawBuilder.pack(m_packed);
        if (Status s = addRawBlock(m_packed); !s.ok())
            return s;
    }
    return m_store.finish();
}

} // namespace netcase
