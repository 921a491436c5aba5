#pragma once

// Lets an importer look at the start of its input (to detect a delimiter or guess a mapping)
// and then parse from the beginning, without reading the file twice or seeking.

#include "api/inputstream.h"

#include <string>

namespace netcase {

class PeekStream final : public InputStream
{
public:
    explicit PeekStream(InputStream &in)
        : m_in(in)
    {}

    /// Reads up to n bytes ahead (once, before the first read()); they are replayed by read().
    const std::string &peek(size_t n);

    std::int64_t read(char *buffer, std::int64_t n) override;
    std::int64_t position() const override { return m_in.position(); }
    std::int64_t size() const override { return m_in.size(); }
    QString errorString() const override { return m_in.errorString(); }

private:
    InputStream &m_in;
    std::string m_head;
    size_t m_replayed = 0;
    bool m_failed = false;
};

} // namespace netcase
