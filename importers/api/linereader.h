#pragma once

// Splits a stream into lines with bounded memory: a 1 MiB window that slides over the input.
// Lines are returned as views valid until the next call. "\r\n" endings are trimmed.

#include "api/inputstream.h"

#include <string>
#include <string_view>

namespace netcase {

class LineReader
{
public:
    explicit LineReader(InputStream &in, size_t bufferSize = 1 << 20);

    /// Next line, or false at the end of input or on a read error (see failed()).
    bool next(std::string_view &line);
    /// 1-based number of the line last returned.
    std::int64_t lineNumber() const { return m_line; }
    bool failed() const { return m_failed; }
    /// True when the line last returned was longer than the window and was cut.
    bool truncated() const { return m_truncated; }

private:
    bool fill();

    InputStream &m_in;
    std::string m_buf;
    size_t m_begin = 0;
    size_t m_end = 0;
    std::int64_t m_line = 0;
    bool m_eof = false;
    bool m_failed = false;
    bool m_truncated = false;
    bool m_skipRest = false;
};

} // namespace netcase
