#pragma once

// Interning on the parser's side of an import. The parser's thread replaces each event's text by
// provisional ids while the strings are still in its core's cache, so the database thread gets
// rows of integers plus the few strings it has not seen (EventWriter::addInterned), instead of
// hashing and comparing every string of every event a second time on another core.
//
// A lookup in the (large) text maps misses the CPU caches, so the columns with many distinct
// values are looked up a few events late: add() copies the text into the batch, hashes it and
// prefetches its slot; the lookup happens when later events have been added, or in seal().
//
// Provisional ids count up from 1 in one space for both dictionaries (0 is the empty string).
// Memory stays bounded: the text maps are the bounded InternMaps (a string whose entry was
// evicted gets a new id, resolved again by the database thread to the same row), and after
// kMaxIds ids the numbering restarts at a batch boundary, which the batch announces.

#include "case/eventrow.h"
#include "case/internmap.h"

#include <cstdint>
#include <string>
#include <vector>

namespace netcase {

/// A batch of events reduced to rows whose text columns hold provisional ids.
struct InternedEvents
{
    struct NewText
    {
        std::uint32_t id;
        bool ip;
        std::uint32_t offset; ///< in text
        std::uint32_t length;
    };
    std::vector<EventInts> rows;     ///< slots reused from batch to batch
    std::vector<std::string> labels; ///< per row; empty: no labels (NULL)
    size_t count = 0;
    std::vector<NewText> added; ///< ids first used in this batch, in increasing order
    std::string text;           ///< their text (among other text of the batch)
    bool restart = false;       ///< numbering restarted: forget the ids of earlier batches

    std::string_view textOf(const NewText &t) const { return {text.data() + t.offset, t.length}; }
};

class BatchInterner
{
public:
    static constexpr std::uint32_t kMaxIds = 1u << 22;

    /// Tests pass small limits to exercise restarts and evictions.
    explicit BatchInterner(std::uint32_t maxIds = kMaxIds,
                           size_t mapBytes = InternMap::kDefaultMaxBytes);

    /// Empties batch for a new stretch of events.
    void begin(InternedEvents &batch);
    /// Appends e as a row of batch. e's labels are taken (swapped with the slot's old buffer).
    void add(Event &e, InternedEvents &batch);
    /// Completes the lookups still pending; call before handing the batch over.
    void seal(InternedEvents &batch);

private:
    struct Pending
    {
        std::uint64_t hash;
        std::uint32_t row;
        std::uint32_t offset; ///< of the text in batch.text
        std::uint32_t length;
        std::uint8_t column;
        bool ip;
    };
    static constexpr size_t kLag = 24; ///< lookups in flight (about six access-log events)

    std::uint32_t lookup(bool ip,
                         std::string_view s,
                         std::uint64_t hash,
                         std::uint32_t offset,
                         InternedEvents &batch);
    std::uint32_t
    internRepeated(const TextColumn &column, std::string_view s, InternedEvents &batch);
    void resolve(const Pending &p, InternedEvents &batch);

    struct Memo
    {
        std::string text;
        std::uint32_t id = 0;
    };
    InternMap m_strs;
    InternMap m_ips;
    std::array<Memo, kIntColumns> m_memo;
    std::vector<Pending> m_pending;
    size_t m_resolved = 0; ///< m_pending before this index are done
    std::uint32_t m_next = 1;
    std::uint32_t m_maxIds;
    size_t m_mapBytes;
};

} // namespace netcase
