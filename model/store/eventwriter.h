#pragma once

// Stores normalised events of one source into the case: interns repeated strings and addresses
// into the dictionary tables, keeps raw records in compressed blocks and rejects with their
// reasons. The caller owns the transaction (one per source, so a cancelled import rolls back).
//
// Two ways to feed it: add(event, raw) interns the event's text and builds the raw blocks itself
// (simple callers, tests); the import pipeline interns on a thread of its own (BatchCollector on
// the parser's thread, BatchInterner after it), builds and compresses raw blocks off this thread
// and hands both over with addInterned() and addRawBlock() (which compresses a block that is not
// yet).

#include "case/sqlite.h"
#include "core/event.h"
#include "core/result.h"
#include "store/batchinterner.h"
#include "store/dictionarywriter.h"
#include "store/eventstore.h"
#include "store/internmap.h"
#include "store/rawblock.h"

#include <string>

namespace netcase {

class EventWriter
{
public:
    EventWriter(Database &db, std::int64_t sourceId);
    ~EventWriter();
    EventWriter(const EventWriter &) = delete;
    EventWriter &operator=(const EventWriter &) = delete;

    Status add(const Event &event, std::string_view raw);
    /// Stores an event whose raw record arrives in a block through addRawBlock().
    Status addEvent(const Event &event);
    /// Stores a batch interned by a BatchInterner (one interner per writer, batches in order):
    /// stores its new strings, then its rows with their provisional ids replaced.
    Status addInterned(InternedEvents &batch);
    /// Stores a block of raw records, compressing it first if it is not yet.
    Status addRawBlock(PackedRawBlock &block);
    Status reject(std::int64_t line, std::string_view reason, std::string_view raw);
    /// Writes buffered events and raw records; call before committing (events stored but not
    /// finished are not visible to queries yet).
    Status finish();

    std::int64_t events() const { return m_events; }
    std::int64_t rejects() const { return m_rejects; }
    std::int64_t firstTs() const { return m_firstTs; }
    std::int64_t lastTs() const { return m_lastTs; }
    /// The audit chunks written, hashed as they were written (event blocks and, when its
    /// blocks came in line order, the source's raw records): for digest::refresh after
    /// finish().
    digest::KnownChunks knownChunks() const;

    /// Interns a string; 0 for the empty string (stored as NULL).
    std::int64_t internString(std::string_view s) { return intern(s, false); }
    /// Interns an address in canonical text form; 0 when empty.
    std::int64_t internIp(std::string_view ip) { return intern(ip, true); }

private:
    /// The row id of s in strs (ip false) or ips, through the cache; 0 for the empty string.
    std::int64_t intern(std::string_view s, bool ip);
    /// internString() for a column whose value mostly repeats from one event to the next
    /// (category, action, method...): the previous value is checked first.
    std::int64_t internRepeated(const TextColumn &column, std::string_view s);
    /// Stores the batch's new texts and maps their provisional ids to row ids.
    Status storeAdded(const InternedEvents &batch);
    Status appendRow(const EventInts &row, std::string_view labels);

    std::int64_t m_sourceId;
    DictionaryWriter m_dict;
    Statement m_insertReject;
    Statement m_insertRaw;
    EventStoreWriter m_store;
    EventInts m_row{};
    struct Memo
    {
        std::string text;
        std::int64_t id = 0;
    };
    std::array<Memo, kIntColumns> m_memo;
    std::vector<std::int64_t> m_provisional;   ///< addInterned(): provisional id -> row id
    std::vector<std::string_view> m_addedText; ///< storeAdded(): one dictionary's new texts
    std::vector<std::uint32_t> m_addedIds;     ///< and their provisional ids
    std::vector<std::int64_t> m_storedIds;     ///< and their row ids
    InternMap m_strs;
    InternMap m_ips;
    RawBlockBuilder m_rawBuilder;
    PackedRawBlock m_packed;
    digest::ChunkHash m_rawHash; ///< the source's raw_blocks rows, in line order
    std::int64_t m_rawBlocks = 0;
    std::int64_t m_lastRawFirstLine = INT64_MIN;
    bool m_rawInOrder = true;
    std::string m_rawDigest; ///< set by finish()
    QString m_error;
    std::int64_t m_events = 0;
    std::int64_t m_rejects = 0;
    std::int64_t m_firstTs = INT64_MAX;
    std::int64_t m_lastTs = INT64_MIN;
};

} // namespace netcase
