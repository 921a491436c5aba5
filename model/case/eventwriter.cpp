#include "eventwriter.h"

#include <sqlite3.h>

namespace netcase {

namespace {

int ipFamily(std::string_view ip)
{
    return ip.find(':') != std::string_view::npos ? 6 : 4;
}

sqlite3_stmt *prepareRaw(Database &db, const char *sql)
{
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr)
        != SQLITE_OK) {
        sqlite3_finalize(st);
        return nullptr;
    }
    return st;
}

// The event row is bound straight through the C API: SQLITE_STATIC is safe because every
// buffer outlives the sqlite3_step() that reads it, and it saves a copy of each string.
void bindText(sqlite3_stmt *st, int col, std::string_view s)
{
    if (s.empty())
        sqlite3_bind_null(st, col);
    else
        sqlite3_bind_text(st, col, s.data(), int(s.size()), SQLITE_STATIC);
}

void bindId(sqlite3_stmt *st, int col, std::int64_t id)
{
    if (id)
        sqlite3_bind_int64(st, col, id);
    else
        sqlite3_bind_null(st, col);
}

void bindNum(sqlite3_stmt *st, int col, std::int64_t v)
{
    if (v >= 0)
        sqlite3_bind_int64(st, col, v);
    else
        sqlite3_bind_null(st, col);
}

} // namespace

EventWriter::EventWriter(Database &db, std::int64_t sourceId)
    : m_db(db)
    , m_sourceId(sourceId)
{
    m_insertEvent = prepareRaw(
            db,
            "INSERT INTO events(source_id, line, ts, tz_offset, outcome, category, action, "
            "source_ip, source_port, source_domain, client_ip, destination_ip, destination_port, "
            "destination_domain, host, user, user_agent, http_method, url, status, body_bytes, "
            "transport, session, device, mfa, source_bytes, destination_bytes, packets, duration, "
            "labels) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    m_insertStr = prepareRaw(db, "INSERT OR IGNORE INTO strs(s) VALUES (?)");
    m_findStr = prepareRaw(db, "SELECT id FROM strs WHERE s = ?");
    m_insertIp = prepareRaw(db, "INSERT OR IGNORE INTO ips(ip, family) VALUES (?, ?)");
    m_findIp = prepareRaw(db, "SELECT id FROM ips WHERE ip = ?");
    m_insertReject
            = db.prepare("INSERT INTO rejects(source_id, line, reason, raw) VALUES (?,?,?,?)");
    m_insertRaw = db.prepare(
            "INSERT INTO raw_blocks(source_id, first_line, last_line, data) VALUES (?,?,?,?)");
    if (m_insertEvent)
        sqlite3_bind_int64(m_insertEvent, 1, m_sourceId);
}

EventWriter::~EventWriter()
{
    for (sqlite3_stmt *st : {m_insertEvent, m_insertStr, m_findStr, m_insertIp, m_findIp})
        sqlite3_finalize(st);
}

std::int64_t EventWriter::internMiss(
        InternMap &cache, sqlite3_stmt *insert, sqlite3_stmt *find, std::string_view s, int family)
{
    if (!insert || !find)
        return 0;
    // Insert first: for a new string (the common miss) that is the only statement needed.
    sqlite3_bind_text(insert, 1, s.data(), int(s.size()), SQLITE_STATIC);
    if (family)
        sqlite3_bind_int(insert, 2, family);
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
    if (id)
        cache.insert(s, id);
    else if (m_error.isEmpty())
        m_error = QStringLiteral("cannot store '%1': %2")
                          .arg(QString::fromUtf8(s.data(),
                                                 qsizetype(std::min<size_t>(s.size(), 80))),
                               m_db.lastError());
    return id;
}

std::int64_t EventWriter::internString(std::string_view s)
{
    if (s.empty())
        return 0;
    if (const std::int64_t id = m_strs.find(s))
        return id;
    return internMiss(m_strs, m_insertStr, m_findStr, s, 0);
}

std::int64_t EventWriter::internIp(std::string_view ip)
{
    if (ip.empty())
        return 0;
    if (const std::int64_t id = m_ips.find(ip))
        return id;
    return internMiss(m_ips, m_insertIp, m_findIp, ip, ipFamily(ip));
}

Status EventWriter::addEvent(const Event &e)
{
    sqlite3_stmt *st = m_insertEvent;
    if (!st)
        return makeError(
                QStringLiteral("cannot prepare the event insert: %1").arg(m_db.lastError()));
    sqlite3_bind_int64(st, 2, e.line);
    sqlite3_bind_int64(st, 3, e.timestampUs);
    if (e.tzOffsetMin == kNoOffset)
        sqlite3_bind_null(st, 4);
    else
        sqlite3_bind_int(st, 4, e.tzOffsetMin);
    sqlite3_bind_int(st, 5, int(e.outcome));
    bindId(st, 6, internString(e.category));
    bindId(st, 7, internString(e.action));
    bindId(st, 8, internIp(e.sourceIp));
    bindNum(st, 9, e.sourcePort);
    bindId(st, 10, internString(e.sourceDomain));
    bindId(st, 11, internIp(e.clientIp));
    bindId(st, 12, internIp(e.destinationIp));
    bindNum(st, 13, e.destinationPort);
    bindId(st, 14, internString(e.destinationDomain));
    bindId(st, 15, internString(e.hostName));
    bindId(st, 16, internString(e.userName));
    bindId(st, 17, internString(e.userAgent));
    bindId(st, 18, internString(e.httpMethod));
    bindId(st, 19, internString(e.urlPath));
    bindNum(st, 20, e.statusCode);
    bindNum(st, 21, e.bodyBytes);
    bindId(st, 22, internString(e.transport));
    bindId(st, 23, internString(e.sessionId));
    bindId(st, 24, internString(e.deviceId));
    bindId(st, 25, internString(e.mfa));
    bindNum(st, 26, e.sourceBytes);
    bindNum(st, 27, e.destinationBytes);
    bindNum(st, 28, e.packets);
    bindNum(st, 29, e.durationUs);
    bindText(st, 30, e.labels);
    if (!m_error.isEmpty())
        return makeError(m_error);
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return makeError(QStringLiteral("cannot store event of line %1: %2")
                                 .arg(e.line)
                                 .arg(m_db.lastError()));
    ++m_events;
    m_firstTs = std::min(m_firstTs, e.timestampUs);
    m_lastTs = std::max(m_lastTs, e.timestampUs);
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

Status EventWriter::addRawBlock(const PackedRawBlock &block)
{
    if (block.records == 0)
        return {};
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
    if (m_rawBuilder.empty())
        return {};
    m_rawBuilder.pack(m_packed);
    return addRawBlock(m_packed);
}

} // namespace netcase
