#pragma once

#include "api/inputstream.h"

#include "api/sha256.h"

namespace netcase {

/// Passes a stream through while computing its SHA-256, so a file is read only once.
class HashingStream final : public InputStream
{
public:
    explicit HashingStream(InputStream &inner)
        : m_inner(inner)
    {}

    std::int64_t read(char *buffer, std::int64_t n) override
    {
        const std::int64_t got = m_inner.read(buffer, n);
        if (got > 0)
            m_hash.addData(std::string_view(buffer, size_t(got)));
        return got;
    }
    std::int64_t position() const override { return m_inner.position(); }
    std::int64_t size() const override { return m_inner.size(); }
    QString errorString() const override { return m_inner.errorString(); }

    /// Finishes the hash: call once, after the whole stream was read.
    QString hexDigest() { return QString::fromLatin1(m_hash.result().toHex()); }

private:
    InputStream &m_inner;
    Sha256 m_hash;
};

} // namespace netcase
