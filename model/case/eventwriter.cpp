#include "eventwriter.h"

#include <sqlite3.h>

namespace netcase {

namespace {

int ipFamily(std::string_view ip)
{
    return ip.find(':') != std::string_view::npos ? 6 : 4;
}

// NULL in the store for an empty id or a negative (absent) number.
std::int64_t idOrNull(std::int64_t id)
{
    return id ? id : kNull;
}

std::int64_t numOrNull(std::int64_t v)
{
    return v >= 0 ? v : kNull;
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
    return internString(s, InternMap::hashOf(s));
}

std::int64_t EventWriter::internString(std::string_view s, std::uint64_t hash)
{
    if (s.empty())
        return 0;
    if (const std::int64_t id = m_strs.find(s, hash))
        return id;
    return internMiss(m_strs, m_insertStr, m_findStr, s, 0);
}

std::int64_t EventWriter::internRepeated(int column, std::string_view s)
{
    Memo &m = m_memo[size_t(column)];
    if (m.id && s == m.text)
        return m.id;
    m.id = internString(s);
    m.text.assign(s);
    return m.id;
}

std::int64_t EventWriter::internIp(std::string_view ip)
{
    return internIp(ip, InternMap::hashOf(ip));
}

std::int64_t EventWriter::internIp(std::string_view ip, std::uint64_t hash)
{
    if (ip.empty())
        return 0;
    if (const std::int64_t id = m_ips.find(ip, hash))
        return id;
    return internMiss(m_ips, m_insertIp, m_findIp, ip, ipFamily(ip));
}

// The columns with many distinct values, whose lookups miss the CPU caches: hashed and
// prefetched ahead by addEvents(). Index 0 is the source address (in the ips dictionary).
const std::string Event::*const kWideColumns[EventWriter::kWide] = {
        &Event::sourceIp, &Event::userName, &Event::userAgent, &Event::urlPath, &Event::sessionId};

Status EventWriter::addEvents(const Event *events, size_t n)
{
    constexpr size_t kAhead = 16;
    m_hashes.resize(n);
    auto hashAhead = [&](size_t j) {
        for (size_t k = 0; k < kWide; ++k) {
            const std::string &s = events[j].*kWideColumns[k];
            m_hashes[j][k] = InternMap::hashOf(s);
            if (!s.empty())
                (k == 0 ? m_ips : m_strs).prefetchSlot(m_hashes[j][k]);
        }
    };
    auto textAhead = [&](size_t j) {
        for (size_t k = 1; k < kWide; ++k)
            m_strs.prefetchText(m_hashes[j][k]);
    };
    for (size_t j = 0; j < std::min(n, kAhead); ++j)
        hashAhead(j);
    for (size_t i = 0; i < n; ++i) {
        if (i + kAhead < n)
            hashAhead(i + kAhead);
        if (i + kAhead / 2 < n)
            textAhead(i + kAhead / 2);
        if (Status s = addEvent(events[i], m_hashes[i]); !s.ok())
            return s;
    }
    return {};
}

Status EventWriter::addEvent(const Event &e)
{
    return addEvents(&e, 1);
}

Status EventWriter::addEvent(const Event &e, const WideHashes &h)
{
    EventInts &r = m_row;
    r[ColLine] = e.line;
    r[ColTs] = e.timestampUs;
    r[ColTzOffset] = e.tzOffsetMin == kNoOffset ? kNull : e.tzOffsetMin;
    r[ColOutcome] = int(e.outcome);
    r[ColCategory] = idOrNull(internRepeated(ColCategory, e.category));
    r[ColAction] = idOrNull(internRepeated(ColAction, e.action));
    r[ColSourceIp] = idOrNull(internIp(e.sourceIp, h[0]));
    r[ColSourcePort] = numOrNull(e.sourcePort);
    r[ColSourceDomain] = idOrNull(internString(e.sourceDomain));
    r[ColClientIp] = idOrNull(internIp(e.clientIp));
    r[ColDestinationIp] = idOrNull(internIp(e.destinationIp));
    r[ColDestinationPort] = numOrNull(e.destinationPort);
    r[ColDestinationDomain] = idOrNull(internRepeated(ColDestinationDomain, e.destinationDomain));
    r[ColHost] = idOrNull(internRepeated(ColHost, e.hostName));
    r[ColUser] = idOrNull(internString(e.userName, h[1]));
    r[ColUserAgent] = idOrNull(internString(e.userAgent, h[2]));
    r[ColHttpMethod] = idOrNull(internRepeated(ColHttpMethod, e.httpMethod));
    r[ColUrl] = idOrNull(internString(e.urlPath, h[3]));
    r[ColStatus] = numOrNull(e.statusCode);
    r[ColBodyBytes] = numOrNull(e.bodyBytes);
    r[ColTransport] = idOrNull(internRepeated(ColTransport, e.transport));
    r[ColSession] = idOrNull(internString(e.sessionId, h[4]));
    r[ColDevice] = idOrNull(internString(e.deviceId));
    r[ColMfa] = idOrNull(internRepeated(ColMfa, e.mfa));
    r[ColSourceBytes] = numOrNull(e.sourceBytes);
    r[ColDestinationBytes] = numOrNull(e.destinationBytes);
    r[ColPackets] = numOrNull(e.packets);
    r[ColDuration] = numOrNull(e.durationUs);
    if (!m_error.isEmpty())
        return makeError(m_error);
    if (auto stored = m_store.append(r, e.labels, e.labels.empty()); !stored)
        return makeError(QStringLiteral("cannot store event of line %1: %2")
                                 .arg(e.line)
                                 .arg(stored.error().message));
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
