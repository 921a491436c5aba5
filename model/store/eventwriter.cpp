#include "eventwriter.h"

#include <sqlite3.h>

namespace netcase {

namespace {

// NULL in the store for an empty (0) id.
std::int64_t idOrNull(std::int64_t id)
{
    return id ? id : kNull;
}

} // namespace

EventWriter::EventWriter(Database &db, std::int64_t sourceId)
    : m_sourceId(sourceId)
    , m_dict(db)
    , m_store(db, sourceId, nextEventId(db))
{
    m_insertReject
            = db.prepare("INSERT INTO rejects(source_id, line, reason, raw) VALUES (?,?,?,?)");
    m_insertRaw = db.prepare(
            "INSERT INTO raw_blocks(source_id, first_line, last_line, data) VALUES (?,?,?,?)");
}

EventWriter::~EventWriter() = default;

std::int64_t EventWriter::intern(std::string_view s, bool ip)
{
    if (s.empty())
        return 0;
    InternMap &cache = ip ? m_ips : m_strs;
    const std::uint64_t hash = InternMap::hashOf(s);
    if (const std::int64_t id = cache.find(s, hash))
        return id;
    const std::int64_t id = m_dict.store(s, ip);
    if (id)
        cache.insert(s, id, hash);
    else if (m_error.isEmpty())
        m_error = m_dict.error();
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
    if (Status s = storeAdded(b); !s.ok())
        return s;
    // The table of ids is larger than this core's cache and the ids come in no order: each cell
    // asks for the entry of the same column a few rows below, so the misses overlap.
    constexpr size_t kAhead = 8;
    for (size_t i = 0; i < b.count; ++i) {
        EventInts &row = b.rows[i];
        const EventInts &ahead = b.rows[std::min(i + kAhead, b.count - 1)];
        for (const TextColumn &c : kTextColumns) {
            if (const std::int64_t next = ahead[size_t(c.column)];
                next > 0 && size_t(next) < m_provisional.size())
                __builtin_prefetch(&m_provisional[size_t(next)]);
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
        if (Status s = appendRow(row, b.labelsOf(i)); !s.ok())
            return s;
    }
    return {};
}

Status EventWriter::storeAdded(const InternedEvents &b)
{
    if (!b.added.empty() && m_provisional.size() <= b.added.back().id)
        m_provisional.resize(size_t(b.added.back().id) + 1, 0);
    for (bool ip : {false, true}) {
        m_addedText.clear();
        m_addedIds.clear();
        for (const InternedEvents::NewText &t : b.added) {
            if (t.ip == ip) {
                m_addedText.push_back(b.textOf(t));
                m_addedIds.push_back(t.id);
            }
        }
        m_storedIds.resize(m_addedText.size());
        if (!m_dict.storeMany(m_addedText, ip, m_storedIds.data()))
            return makeError(m_dict.error());
        for (size_t i = 0; i < m_addedIds.size(); ++i)
            m_provisional[m_addedIds[i]] = m_storedIds[i];
    }
    return {};
}

Status EventWriter::appendRow(const EventInts &row, std::string_view labels)
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
    if (Status s = m_insertRaw.exec(); !s.ok())
        return s;
    // The source's raw records are one audit chunk, its rows in line order: hashed here while
    // the blocks come in that order (they do from the pipeline), else read back by the digest.
    m_rawInOrder = m_rawInOrder && block.firstLine > m_lastRawFirstLine;
    m_lastRawFirstLine = block.firstLine;
    ++m_rawBlocks;
    if (m_rawInOrder) {
        m_rawHash.addInt(m_sourceId);
        m_rawHash.addInt(block.firstLine);
        m_rawHash.addInt(block.lastLine);
        m_rawHash.addBlob(std::string_view(block.data.data(), block.data.size()));
    }
    return {};
}

digest::KnownChunks EventWriter::knownChunks() const
{
    digest::KnownChunks known = m_store.knownChunks();
    known.sections["event_blocks"]; // the sections are known even when nothing was written
    known.sections["event_postings"];
    if (!m_rawDigest.empty())
        known.add("raw_blocks", m_sourceId, m_rawDigest);
    return known;
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
    if (m_rawBlocks > 0 && m_rawInOrder)
        m_rawDigest = m_rawHash.hexResult();
    return m_store.finish();
}

} // namespace netcase
