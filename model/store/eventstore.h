#pragma once

// The case's event store. Events live in event_blocks (see eventblock.h), with posting lists
// per address, client address and account in event_postings and deleted ids in
// event_deleted. SQL sees them as the table `events` through a virtual table (eventsvtab.cpp)
// that every connection gets from attachEventStore(), so queries stay plain SQL while an
// import writes a few hundred blob rows instead of a million rows and four index builds.

#include "audit/chunkhash.h"
#include "core/result.h"
#include "store/eventblock.h"
#include "store/eventstats.h"

#include <array>
#include <utility>
#include <vector>

struct sqlite3_stmt;

namespace netcase {

class Database;

/// Posting list kinds: which column's value the key is. Destination addresses have posting
/// lists in cases whose store began with them: the row (kind 0, key 4) says so, and without it
/// a destination lookup scans the blocks (kDestinationMarker).
enum class PostingKind : int { SourceIp = 1, User = 2, ClientIp = 3, DestinationIp = 4 };

/// The id the next stored event gets (1 in an empty case).
std::int64_t nextEventId(const Database &db);

/// Makes `events` available on this connection (a TEMP virtual table over the store). Does
/// nothing on a case without the store (schema < 3: CaseFile refuses those read-only and
/// migrates them when opened for writing).
Status attachEventStore(Database &db);

/// Marks events as deleted (they stay in their blocks; every read skips them).
Status deleteEvents(Database &db, const std::vector<std::int64_t> &ids);

/// Migration 3: moves the rows of the old events table into the store and drops the table.
Status moveEventsToStore(Database &db);

/// Decodes a posting list blob (ascending ids, delta varints) and appends to out.
void decodePostings(const void *data, size_t size, std::vector<std::int64_t> &out);

/// Appends events of one source to the store. The caller owns the transaction; finish()
/// writes what is buffered.
class EventStoreWriter
{
public:
    EventStoreWriter(Database &db, std::int64_t sourceId, std::int64_t firstId);
    ~EventStoreWriter();
    EventStoreWriter(const EventStoreWriter &) = delete;
    EventStoreWriter &operator=(const EventStoreWriter &) = delete;

    /// Appends one event; its id is the one returned.
    Result<std::int64_t> append(const EventInts &row, std::string_view labels, bool labelsNull);
    /// Starts a new block at the given id (the ids in between stay unused).
    Status skipTo(std::int64_t id);
    Status finish();
    std::int64_t nextId() const { return m_nextId; }
    /// The hash of each event block and each flush of posting lists written (their audit
    /// chunks, audit/chunkhash.h), so the import's digests need not read them back.
    const digest::KnownChunks &knownChunks() const { return m_known; }

private:
    Status flushBlock();
    Status flushPostings();
    /// Writes the posting rows gathered in m_rows (blobs in m_blobs), kPostingRows at a time.
    Status writePostingRows(bool all);

    Database &m_db;
    std::int64_t m_sourceId;
    std::int64_t m_nextId;
    std::int64_t m_blockFirst;
    std::int64_t m_postingsFirst;
    BlockBuilder m_block;
    std::string m_encoded;
    /// (key, id) per kind, sorted when written: cheaper than a map of lists per key.
    std::array<std::vector<std::pair<std::int64_t, std::int64_t>>, 4> m_postings;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_sortBuffer;
    size_t m_postingIds = 0;
    sqlite3_stmt *m_insertBlock = nullptr;
    sqlite3_stmt *m_insertPosting = nullptr;
    sqlite3_stmt *m_insertPostings = nullptr; ///< kPostingRows rows in one statement
    struct PostingRow
    {
        int kind;
        std::int64_t key;
        size_t offset; ///< of its ids in m_blobs
        size_t size;
    };
    std::vector<PostingRow> m_rows;
    std::string m_blobs;
    digest::KnownChunks m_known;
    digest::ChunkHash m_postingHash; ///< the rows of the posting lists being flushed
    std::pair<int, std::int64_t> m_lastPosting{0, 0};
    bool m_postingsInOrder = true;
};

} // namespace netcase
