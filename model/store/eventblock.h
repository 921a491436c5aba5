#pragma once

// The event store's unit: up to kBlockEvents consecutive events of one source, stored as one
// row of event_blocks with its columns side by side in one blob. Events have ids
// first_id .. first_id + count - 1, so an id finds its block with one rowid lookup.
//
// Each column is a run of varints (NULL is 0, a value v is zigzag(v - previous) + 1 for the
// line and time columns, zigzag(v) + 1 for the others); a column that is NULL in every row
// takes one byte. The labels column (text) is one Zstandard frame. A reader decodes only the
// columns a query asks for.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netcase {

/// The integer columns of an event in the order of the SQL `events` table after id and
/// source_id; labels (text) comes after them.
enum EventColumn : int {
    ColLine,
    ColTs,
    ColTzOffset,
    ColOutcome,
    ColCategory,
    ColAction,
    ColSourceIp,
    ColSourcePort,
    ColSourceDomain,
    ColClientIp,
    ColDestinationIp,
    ColDestinationPort,
    ColDestinationDomain,
    ColHost,
    ColUser,
    ColUserAgent,
    ColHttpMethod,
    ColUrl,
    ColStatus,
    ColBodyBytes,
    ColTransport,
    ColSession,
    ColDevice,
    ColMfa,
    ColSourceBytes,
    ColDestinationBytes,
    ColPackets,
    ColDuration,
    kIntColumns
};

/// A NULL integer column.
constexpr std::int64_t kNull = INT64_MIN;
constexpr int kBlockEvents = 4096;

using EventInts = std::array<std::int64_t, kIntColumns>;

/// Collects rows column by column and encodes them into a block blob.
class BlockBuilder
{
public:
    void append(const EventInts &row, std::string_view labels, bool labelsNull);
    int size() const { return m_count; }
    bool full() const { return m_count >= kBlockEvents; }
    std::int64_t minTs() const { return m_minTs; }
    std::int64_t maxTs() const { return m_maxTs; }
    /// Encodes the rows into out (replacing its content) and empties the builder.
    void encode(std::string &out);

private:
    std::array<std::vector<std::int64_t>, kIntColumns> m_cols;
    std::string m_labels;  ///< varint(len + 1) or 0 for NULL, then the bytes, per row
    std::string m_payload; ///< encode()'s scratch space
    bool m_anyLabel = false;
    int m_count = 0;
    std::int64_t m_minTs = INT64_MAX;
    std::int64_t m_maxTs = INT64_MIN;
};

/// A block read back; columns are decoded on first use.
class DecodedBlock
{
public:
    /// False when the blob is not a well-formed block of `count` rows.
    [[nodiscard]] bool
    reset(std::int64_t firstId, std::int64_t sourceId, int count, const void *data, size_t size);
    std::int64_t firstId() const { return m_firstId; }
    std::int64_t sourceId() const { return m_sourceId; }
    int count() const { return m_count; }
    bool covers(std::int64_t id) const { return id >= m_firstId && id < m_firstId + m_count; }
    /// kNull for NULL.
    std::int64_t value(int column, int row);
    const std::vector<std::int64_t> &column(int column);
    /// Labels of a row; isNull is set when the row has none (NULL).
    std::string_view labels(int row, bool &isNull);

private:
    std::string m_data;
    std::string m_text; ///< the labels column, decompressed
    std::int64_t m_firstId = 0;
    std::int64_t m_sourceId = 0;
    int m_count = 0;
    std::array<std::pair<std::uint32_t, std::uint32_t>, kIntColumns + 1> m_spans{};
    std::array<std::vector<std::int64_t>, kIntColumns> m_cols;
    std::array<bool, kIntColumns> m_decoded{};
    std::vector<std::pair<std::uint32_t, std::int32_t>> m_labels; ///< offset, length (-1 NULL)
    bool m_labelsDecoded = false;
};

namespace varint {
/// The longest encoding of a 64-bit value.
constexpr size_t kMaxBytes = 10;
/// Writes v at p (which must have kMaxBytes of room) and advances p.
inline void put(char *&p, std::uint64_t v)
{
    while (v >= 0x80) {
        *p++ = char((v & 0x7f) | 0x80);
        v >>= 7;
    }
    *p++ = char(v);
}
void put(std::string &out, std::uint64_t v);
/// Reads one varint at p (advancing it); false past end or on an over-long encoding.
bool get(const char *&p, const char *end, std::uint64_t &v);
} // namespace varint

} // namespace netcase
