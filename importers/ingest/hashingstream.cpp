#include "hashingstream.h"

namespace netcase {

HashingStream::HashingStream(InputStream &inner)
    : m_inner(inner)
{
    for (size_t i = 0; i < kBuffers; ++i) {
        m_pool.push_back(std::make_unique<std::string>());
        m_free.push(m_pool.back().get());
    }
    m_thread = std::thread([this] { work(); });
}

HashingStream::~HashingStream()
{
    if (m_thread.joinable()) {
        m_free.abort();
        m_full.abort();
        m_thread.join();
    }
}

std::int64_t HashingStream::read(char *buffer, std::int64_t n)
{
    const std::int64_t got = m_inner.read(buffer, n);
    if (got > 0) {
        // A chunk only fails to reach the hasher after hexDigest() or during destruction.
        if (auto chunk = m_free.pop()) {
            (*chunk)->assign(buffer, size_t(got));
            m_full.push(*chunk);
        }
    }
    return got;
}

void HashingStream::work()
{
    while (auto chunk = m_full.pop()) {
        m_hash.addData(**chunk);
        m_free.push(*chunk);
    }
}

QString HashingStream::hexDigest()
{
    if (m_thread.joinable()) {
        m_full.close();
        m_thread.join();
        m_free.abort(); // later reads pass through unhashed instead of waiting for a buffer
    }
    return QString::fromLatin1(m_hash.result().toHex());
}

} // namespace netcase
