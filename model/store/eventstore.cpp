#include "eventstore.h"

#include "case/sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <utility>

namespace netcase {

int registerEventsModule(sqlite3 *db); // eventsvtab.cpp

namespace {

// Bounds the posting lists held in memory while importing (16 bytes an id): past it they are
// written as a segment and a new one starts, so memory stays flat whatever the file size.
constexpr size_t kMaxBufferedPostings = size_t(2) << 20;

constexpr int kPostingColumns[] = {ColSourceIp, ColUser, ColClientIp, ColDestinationIp};

// Posting rows written by one statement: a statement per row (50,000 for the addresses of a
// 1M-line access log) cost three times the insert itself, in the import's serial tail.
constexpr size_t kPostingRows = 32;

std::string insertPostingsSql(size_t rows)
{
    std::string sql = "INSERT INTO main.event_postings(kind, key, first_id, ids) VALUES ";
    for (size_t i = 0; i < rows; ++i)
        sql += i ? ",(?,?,?,?)" : "(?,?,?,?)";
    return sql;
}

Status stepOnce(Database &db, sqlite3_stmt *st, const char *what)
{
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return makeError(
                QStringLiteral("cannot store %1: %2").arg(QLatin1String(what), db.lastError()));
    return {};
}

// Orders (key, id) pairs by key, keeping the ids of one key in the order they were appended
// (ascending): two stable counting passes over 16 bits of the key each, linear where a
// comparison sort of a million pairs was the largest part of the import's serial tail.
void groupByKey(std::vector<std::pair<std::int64_t, std::int64_t>> &pairs,
                std::vector<std::pair<std::int64_t, std::int64_t>> &buffer)
{
    std::int64_t maxKey = 0;
    for (const auto &p : pairs)
        maxKey = std::max(maxKey, p.first);
    if (maxKey >= (std::int64_t(1) << 32)) {
        std::stable_sort(pairs.begin(), pairs.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        return;
    }
    buffer.resize(pairs.size());
    std::vector<std::uint32_t> offsets(size_t(1) << 16);
    for (int shift : {0, 16}) {
        std::fill(offsets.begin(), offsets.end(), 0);
        for (const auto &p : pairs)
            ++offsets[size_t(p.first >> shift) & 0xffff];
        std::uint32_t total = 0;
        for (std::uint32_t &o : offsets)
            total += std::exchange(o, total);
        for (const auto &p : pairs)
            buffer[offsets[size_t(p.first >> shift) & 0xffff]++] = p;
        pairs.swap(buffer);
        if (maxKey < (std::int64_t(1) << 16))
            break;
    }
}

} // namespace

std::int64_t nextEventId(const Database &db)
{
    // After a purge (case/retention) the blocks are gone but their ids stay taken: the purge
    // records the next id in settings.
    return db.scalar("SELECT max(coalesce((SELECT first_id + count FROM main.event_blocks ORDER "
                     "BY first_id DESC LIMIT 1), 1), coalesce((SELECT CAST(value AS INTEGER) "
                     "FROM main.settings WHERE key = 'store.next_event_id'), 1))",
                     1);
}

EventStoreStats eventStoreStats(const Database &db)
{
    EventStoreStats s;
    const std::int64_t deleted = db.scalar("SELECT count(*) FROM main.event_deleted");
    s.events = db.scalar("SELECT coalesce(sum(count), 0) FROM main.event_blocks") - deleted;
    if (deleted == 0) {
        s.firstTs = db.scalar("SELECT min(min_ts) FROM main.event_blocks");
        s.lastTs = db.scalar("SELECT max(max_ts) FROM main.event_blocks");
        s.distinctUsers
                = db.scalar(QStringLiteral("SELECT count(DISTINCT key) FROM main.event_postings "
                                           "WHERE kind = %1")
                                    .arg(int(PostingKind::User))
                                    .toStdString());
        return s;
    }
    if (s.events > 0) {
        s.firstTs = db.scalar("SELECT min(ts) FROM events");
        s.lastTs = db.scalar("SELECT max(ts) FROM events");
    }
    s.distinctUsers = db.scalar("SELECT count(DISTINCT user) FROM events WHERE user IS NOT NULL");
    return s;
}

Status attachEventStore(Database &db)
{
    if (db.scalar("SELECT count(*) FROM main.sqlite_master WHERE name = 'event_blocks'") == 0)
        return {};
    if (db.scalar("SELECT count(*) FROM temp.sqlite_master WHERE name = 'events'") > 0)
        return {};
    if (registerEventsModule(db.handle()) != SQLITE_OK)
        return makeError(QStringLiteral("cannot register the event store: %1").arg(db.lastError()));
    return db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.events USING netcase_events");
}

Status deleteEvents(Database &db, const std::vector<std::int64_t> &ids)
{
    Statement st = db.prepare("INSERT OR IGNORE INTO main.event_deleted(id) VALUES (?)");
    for (std::int64_t id : ids) {
        st.bind(1, id);
        if (Status s = st.exec(); !s.ok())
            return s;
    }
    return {};
}

void decodePostings(const void *data, size_t size, std::vector<std::int64_t> &out)
{
    const char *p = static_cast<const char *>(data);
    const char *end = p + size;
    std::int64_t id = 0;
    std::uint64_t delta = 0;
    while (p < end && varint::get(p, end, delta)) {
        id += std::int64_t(delta);
        out.push_back(id);
    }
}

EventStoreWriter::EventStoreWriter(Database &db, std::int64_t sourceId, std::int64_t firstId)
    : m_db(db)
    , m_sourceId(sourceId)
    , m_nextId(firstId)
    , m_blockFirst(firstId)
    , m_postingsFirst(firstId)
{
    m_insertBlock
            = db.prepareRaw("INSERT INTO main.event_blocks(first_id, source_id, count, min_ts, "
                            "max_ts, data) VALUES (?, ?, ?, ?, ?, ?)");
    m_insertPosting = db.prepareRaw(insertPostingsSql(1).c_str());
    m_insertPostings = db.prepareRaw(insertPostingsSql(kPostingRows).c_str());
    // A store that starts with this writer has destination posting lists for every event; one
    // that began before them has none for its first events, and is searched by scanning.
    if (db.scalar("SELECT NOT EXISTS (SELECT 1 FROM main.event_blocks)") == 1)
        (void)db.exec("INSERT OR IGNORE INTO main.event_postings(kind, key, first_id, ids) "
                      "VALUES (0, 4, 0, x'')");
}

EventStoreWriter::~EventStoreWriter()
{
    sqlite3_finalize(m_insertBlock);
    sqlite3_finalize(m_insertPosting);
    sqlite3_finalize(m_insertPostings);
}

Result<std::int64_t>
EventStoreWriter::append(const EventInts &row, std::string_view labels, bool labelsNull)
{
    const std::int64_t id = m_nextId++;
    m_block.append(row, labels, labelsNull);
    for (size_t k = 0; k < std::size(kPostingColumns); ++k) {
        const std::int64_t key = row[size_t(kPostingColumns[k])];
        if (key != kNull) {
            m_postings[k].emplace_back(key, id);
            ++m_postingIds;
        }
    }
    if (m_block.full()) {
        if (Status s = flushBlock(); !s.ok())
            return s.error();
    }
    if (m_postingIds >= kMaxBufferedPostings) {
        if (Status s = flushPostings(); !s.ok())
            return s.error();
    }
    return id;
}

Status EventStoreWriter::skipTo(std::int64_t id)
{
    if (id == m_nextId)
        return {};
    if (Status s = flushBlock(); !s.ok())
        return s;
    m_nextId = m_blockFirst = std::max(id, m_nextId);
    return {};
}

Status EventStoreWriter::flushBlock()
{
    if (m_block.size() == 0)
        return {};
    if (!m_insertBlock)
        return makeError(
                QStringLiteral("cannot prepare the event store: %1").arg(m_db.lastError()));
    const int count = m_block.size();
    sqlite3_bind_int64(m_insertBlock, 1, m_blockFirst);
    sqlite3_bind_int64(m_insertBlock, 2, m_sourceId);
    sqlite3_bind_int(m_insertBlock, 3, count);
    const std::int64_t minTs = m_block.minTs(), maxTs = m_block.maxTs();
    sqlite3_bind_int64(m_insertBlock, 4, minTs);
    sqlite3_bind_int64(m_insertBlock, 5, maxTs);
    m_block.encode(m_encoded); // starts the builder's next block
    sqlite3_bind_blob(m_insertBlock, 6, m_encoded.data(), int(m_encoded.size()), SQLITE_STATIC);
    // The block's audit chunk (the row as digest::refresh would read it), hashed here from
    // memory instead of read back after the import.
    digest::ChunkHash h;
    h.addInt(m_blockFirst);
    h.addInt(m_sourceId);
    h.addInt(count);
    h.addInt(minTs);
    h.addInt(maxTs);
    h.addBlob(m_encoded);
    const std::int64_t first = m_blockFirst;
    m_blockFirst += count;
    Status s = stepOnce(m_db, m_insertBlock, "events");
    if (s.ok())
        m_known.add("event_blocks", first, h.hexResult());
    return s;
}

Status EventStoreWriter::flushPostings()
{
    if (m_postingIds == 0)
        return {};
    if (!m_insertPosting || !m_insertPostings)
        return makeError(
                QStringLiteral("cannot prepare the event store: %1").arg(m_db.lastError()));
    for (size_t k = 0; k < m_postings.size(); ++k) {
        // In key order, so the rows append to the end of the posting index.
        auto &pairs = m_postings[k];
        groupByKey(pairs, m_sortBuffer);
        for (size_t i = 0; i < pairs.size();) {
            const std::int64_t key = pairs[i].first;
            const size_t offset = m_blobs.size();
            std::int64_t prev = 0;
            for (; i < pairs.size() && pairs[i].first == key; ++i) {
                varint::put(m_blobs, std::uint64_t(pairs[i].second - prev));
                prev = pairs[i].second;
            }
            m_rows.push_back({int(k) + 1, key, offset, m_blobs.size() - offset});
            // The flush's rows are one audit chunk, read back in (kind, key) order: hashed here
            // while they come in that order (always, keys being positive ids).
            const std::pair<int, std::int64_t> at{int(k) + 1, key};
            m_postingsInOrder = m_postingsInOrder && at > m_lastPosting;
            m_lastPosting = at;
            m_postingHash.addInt(int(k) + 1);
            m_postingHash.addInt(key);
            m_postingHash.addInt(m_postingsFirst);
            m_postingHash.addBlob(std::string_view(m_blobs).substr(offset));
            if (m_rows.size() == kPostingRows) {
                if (Status s = writePostingRows(false); !s.ok())
                    return s;
            }
        }
        pairs.clear();
    }
    if (Status s = writePostingRows(true); !s.ok())
        return s;
    std::string hash = m_postingHash.hexResult();
    if (m_postingsInOrder)
        m_known.add("event_postings", m_postingsFirst, std::move(hash));
    m_postingsInOrder = true;
    m_lastPosting = {0, 0};
    m_postingIds = 0;
    m_postingsFirst = m_nextId;
    return {};
}

Status EventStoreWriter::writePostingRows(bool all)
{
    // Whole statements of kPostingRows rows; the rest (all) one row at a time.
    size_t done = 0;
    while (done < m_rows.size()) {
        const size_t n = m_rows.size() - done >= kPostingRows ? kPostingRows : 1;
        if (n == 1 && !all)
            break;
        sqlite3_stmt *st = n == 1 ? m_insertPosting : m_insertPostings;
        for (size_t r = 0; r < n; ++r) {
            const PostingRow &row = m_rows[done + r];
            const int p = int(r) * 4;
            sqlite3_bind_int(st, p + 1, row.kind);
            sqlite3_bind_int64(st, p + 2, row.key);
            sqlite3_bind_int64(st, p + 3, m_postingsFirst);
            sqlite3_bind_blob(st, p + 4, m_blobs.data() + row.offset, int(row.size), SQLITE_STATIC);
        }
        if (Status s = stepOnce(m_db, st, "the event index"); !s.ok())
            return s;
        done += n;
    }
    m_rows.erase(m_rows.begin(), m_rows.begin() + std::ptrdiff_t(done));
    if (m_rows.empty())
        m_blobs.clear();
    return {};
}

Status EventStoreWriter::finish()
{
    if (Status s = flushBlock(); !s.ok())
        return s;
    return flushPostings();
}

} // namespace netcase
