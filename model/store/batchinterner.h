#pragma once

// Interning of an import's events off the database thread, in two steps on two threads:
//
//  - the BatchCollector, on the parser's thread, turns each event into a row of numbers and
//    copies its text into the batch, noting which cell each string belongs to. A column whose
//    value mostly repeats (category, action, method) is compared with its last value first and
//    marked "same as above" instead of being copied again;
//  - the BatchInterner, on the pipeline's next thread, hashes that text and looks it up in its
//    dictionaries, giving each cell a provisional id, so the database thread gets rows of
//    integers plus the few strings it has not seen (EventWriter::addInterned).
//
// The lookups in the (large) text maps miss the CPU caches, so the interner hashes and prefetches
// a few strings ahead of the one it resolves. Keeping this off the parser's thread matters: that
// thread is an import's critical path.
//
// Provisional ids count up from 1 in one space for both dictionaries (0 is the empty string).
// Memory stays bounded: the text maps are the bounded InternMaps (a string whose entry was
// evicted gets a new id, resolved again by the database thread to the same row), and after
// kMaxIds ids the numbering restarts at a batch boundary, which the batch announces.

#include "store/eventrow.h"
#include "store/internmap.h"

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
    /// A text cell still to intern: its string is text[offset, offset + length).
    struct Lookup
    {
        std::uint32_t row;
        std::uint32_t offset;
        std::uint32_t length;
        std::uint8_t column;
        bool ip;
    };
    /// A cell of a repeating column whose text equals the column's last non-empty one above it.
    static constexpr std::int64_t kSameAsAbove = -1;

    std::vector<EventInts> rows; ///< slots reused from batch to batch
    /// The rows' labels one after the other (read in order by the database thread, which a
    /// string per row scattered over the heap made it wait for); empty: no labels (NULL).
    std::string labelText;
    std::vector<std::uint32_t> labelEnds; ///< per row: where its labels end in labelText
    size_t count = 0;
    std::vector<Lookup> lookups; ///< collected, in row order; done once interned
    std::vector<NewText> added;  ///< ids first used in this batch, in increasing order
    std::string text;            ///< the batch's text, the new ids' among it
    bool restart = false;        ///< numbering restarted: forget the ids of earlier batches

    std::string_view textOf(const NewText &t) const { return {text.data() + t.offset, t.length}; }
    std::string_view textOf(const Lookup &l) const { return {text.data() + l.offset, l.length}; }
    std::string_view labelsOf(size_t row) const
    {
        const std::uint32_t begin = row == 0 ? 0 : labelEnds[row - 1];
        return {labelText.data() + begin, labelEnds[row] - begin};
    }
};

/// The parser's half: collects events into a batch (see the top of this file).
class BatchCollector
{
public:
    /// Empties batch for a new stretch of events.
    void begin(InternedEvents &batch);
    /// Appends e as a row of batch.
    void add(Event &e, InternedEvents &batch);

private:
    /// Per column: the last text collected in this batch, when it has one.
    std::array<std::string, kIntColumns> m_last;
    std::array<bool, kIntColumns> m_hasLast{};
};

/// The second half: gives a collected batch's text cells their provisional ids. Batches must
/// come in the order they were collected, all through one interner.
class BatchInterner
{
public:
    static constexpr std::uint32_t kMaxIds = 1u << 22;

    /// Tests pass small limits to exercise restarts and evictions.
    explicit BatchInterner(std::uint32_t maxIds = kMaxIds,
                           size_t mapBytes = InternMap::kDefaultMaxBytes);

    void intern(InternedEvents &batch);

private:
    static constexpr size_t kLag = 24; ///< lookups in flight

    std::uint32_t
    lookup(const InternedEvents::Lookup &l, std::uint64_t hash, InternedEvents &batch);

    InternMap m_strs;
    InternMap m_ips;
    std::vector<std::uint64_t> m_hashes;
    std::uint32_t m_next = 1;
    std::uint32_t m_maxIds;
    size_t m_mapBytes;
};

} // namespace netcase
