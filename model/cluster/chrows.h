#pragma once

// Events in ClickHouse's RowBinary format, column by column in the field table's order
// (chschema.h): little-endian integers, strings as a LEB128 length and bytes, addresses as 16
// bytes (IPv4 mapped, all zero when absent). RowBinary has the same meaning in 18.16 and in
// current releases and needs no escaping.

#include "core/event.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netcase::cluster {

/// Appends the event's field-table columns.
void appendEventRow(std::string &out, const Event &e);
void appendInt64(std::string &out, std::int64_t v);
void appendUInt64(std::string &out, std::uint64_t v);
void appendString(std::string &out, std::string_view s);

/// Reads RowBinary field-table columns back, one event at a time.
class RowReader
{
public:
    explicit RowReader(std::string_view data)
        : m_data(data)
    {}
    bool atEnd() const { return m_pos >= m_data.size(); }
    /// False when the data ends inside a row or is malformed.
    bool readEvent(Event &e);

private:
    bool take(void *dst, size_t n);
    bool readString(std::string &s);

    std::string_view m_data;
    size_t m_pos = 0;
};

/// The canonical text of a 16-byte address (IPv4-mapped as dotted quad); empty for all zeros.
std::string addressText(const unsigned char bytes[16]);

} // namespace netcase::cluster
