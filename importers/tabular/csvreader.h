#pragma once

// Streams RFC 4180 records with bounded memory: quoted fields may hold the delimiter, doubled
// quotes and line breaks; a record is cut off (and flagged) beyond 1 MiB. CRLF or LF endings,
// a UTF-8 byte order mark is skipped. Kept apart from core/csv.h on purpose: an import reads
// gigabytes from an InputStream a buffer at a time, hands out views into one reused buffer
// instead of a string per field, and keeps each record's raw text, line and problem for the
// rejects; core/csv.h splits text that is already in memory.

#include "api/inputstream.h"
#include "core/rejectreason.h"

#include <string>
#include <string_view>
#include <vector>

namespace netcase {

class CsvReader
{
public:
    CsvReader(InputStream &in, char delimiter, size_t maxRecord = 1u << 20);

    /// Next non-empty record; false at the end or on a read error (see failed()). The fields
    /// and raw() stay valid until the next call.
    bool next(std::vector<std::string_view> &fields);
    /// 1-based line where the record last returned starts.
    std::int64_t line() const { return m_recLine; }
    /// The record's text as it was in the file (without the final line break).
    std::string_view raw() const { return m_raw; }
    /// Why the record last returned is malformed (unbalanced quote, too long), or empty.
    const RejectReason &problem() const { return m_problem; }
    bool failed() const { return m_failed; }

    /// The delimiter (, ; tab |) that splits the sample's lines into the most columns
    /// consistently; ',' when nothing fits better.
    static char detectDelimiter(std::string_view sample);

private:
    bool get(char &c);

    InputStream &m_in;
    char m_delim;
    size_t m_maxRecord;
    std::string m_buf;
    size_t m_pos = 0;
    size_t m_end = 0;
    bool m_eof = false;
    bool m_failed = false;
    bool m_started = false;
    std::int64_t m_line = 1;
    std::int64_t m_recLine = 0;
    std::string m_raw;
    std::string m_values; ///< unquoted field texts, back to back
    std::vector<std::pair<size_t, size_t>> m_spans;
    RejectReason m_problem;
};

} // namespace netcase
