#include "peekstream.h"

#include <algorithm>
#include <cstring>

namespace netcase {

const std::string &PeekStream::peek(size_t n)
{
    while (m_head.size() < n && !m_failed) {
        const size_t old = m_head.size();
        m_head.resize(n);
        const std::int64_t got = m_in.read(m_head.data() + old, std::int64_t(n - old));
        m_head.resize(old + size_t(std::max<std::int64_t>(got, 0)));
        if (got < 0)
            m_failed = true;
        if (got <= 0)
            break;
    }
    return m_head;
}

std::int64_t PeekStream::read(char *buffer, std::int64_t n)
{
    if (m_replayed < m_head.size()) {
        const size_t k = std::min(size_t(n), m_head.size() - m_replayed);
        std::memcpy(buffer, m_head.data() + m_replayed, k);
        m_replayed += k;
        return std::int64_t(k);
    }
    if (m_failed)
        return -1;
    return m_in.read(buffer, n);
}

} // namespace netcase
