#include "linereader.h"

#include <cstring>

namespace netcase {

LineReader::LineReader(InputStream &in, size_t bufferSize)
    : m_in(in)
    , m_buf(bufferSize, '\0')
{}

bool LineReader::fill()
{
    if (m_eof)
        return false;
    if (m_begin > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_end == m_buf.size())
        return false;
    const std::int64_t n = m_in.read(m_buf.data() + m_end, std::int64_t(m_buf.size() - m_end));
    if (n < 0) {
        m_failed = true;
        m_eof = true;
        return false;
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_end += size_t(n);
    return true;
}

bool LineReader::next(std::string_view &line)
{
    m_truncated = false;
    for (;;) {
        const char *start = m_buf.data() + m_begin;
        const void *nl = std::memchr(start, '\n', m_end - m_begin);
        if (nl) {
            const size_t len = size_t(static_cast<const char *>(nl) - start);
            const size_t lineBegin = m_begin;
            m_begin += len + 1;
            if (m_skipRest) { // tail of an over-long line already returned
                m_skipRest = false;
                continue;
            }
            ++m_line;
            line = std::string_view(m_buf.data() + lineBegin, len);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            return true;
        }
        if (fill())
            continue;
        if (m_end - m_begin == m_buf.size() && !m_skipRest) {
            // A line longer than the window: return what fits, skip the rest.
            ++m_line;
            line = std::string_view(m_buf.data(), m_buf.size());
            m_begin = m_end;
            m_truncated = true;
            m_skipRest = true;
            return true;
        }
        if (m_skipRest && m_end - m_begin == m_buf.size()) {
            m_begin = m_end;
            continue;
        }
        if (m_begin < m_end) { // last line without a newline
            const size_t lineBegin = m_begin;
            const size_t len = m_end - m_begin;
            m_begin = m_end;
            if (m_skipRest) {
                m_skipRest = false;
                return false;
            }
            ++m_line;
            line = std::string_view(m_buf.data() + lineBegin, len);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            return true;
        }
        return false;
    }
}

} // namespace netcase
