#include "rawblock.h"

#include <charconv>

namespace netcase {

void RawBlockBuilder::append(std::int64_t line, std::string_view raw)
{
    if (m_records == 0)
        m_first = line;
    m_last = line;
    ++m_records;
    char header[48];
    char *p = std::to_chars(header, header + 20, line).ptr;
    *p++ = ' ';
    p = std::to_chars(p, p + 20, raw.size()).ptr;
    *p++ = '\n';
    m_text.append(header, size_t(p - header));
    m_text.append(raw);
}

void RawBlockBuilder::pack(PackedRawBlock &out)
{
    out.firstLine = m_first;
    out.lastLine = m_last;
    out.records = m_records;
    out.data.clear();
    if (m_records > 0) {
        // zlib level 1: the fastest level, and log text still shrinks about six times.
        const QByteArray packed = qCompress(reinterpret_cast<const uchar *>(m_text.data()),
                                            qsizetype(m_text.size()), 1);
        out.data.assign(packed.constData(), size_t(packed.size()));
    }
    m_text.clear();
    m_records = 0;
    m_first = m_last = -1;
}

void forEachRawRecord(const QByteArray &block,
                      const std::function<bool(std::int64_t, std::string_view)> &visit)
{
    const QByteArray data = qUncompress(block);
    std::string_view v(data.constData(), size_t(data.size()));
    size_t p = 0;
    while (p < v.size()) {
        const size_t nl = v.find('\n', p);
        if (nl == std::string_view::npos)
            break;
        std::string_view header = v.substr(p, nl - p);
        const size_t sp = header.find(' ');
        if (sp == std::string_view::npos)
            break;
        std::int64_t l = 0;
        size_t len = 0;
        std::from_chars(header.data(), header.data() + sp, l);
        std::from_chars(header.data() + sp + 1, header.data() + header.size(), len);
        if (nl + 1 + len > v.size())
            break;
        if (!visit(l, v.substr(nl + 1, len)))
            return;
        p = nl + 1 + len;
    }
}

std::optional<std::string> rawRecordFromBlock(const QByteArray &block, std::int64_t line)
{
    std::optional<std::string> found;
    forEachRawRecord(block, [&](std::int64_t l, std::string_view text) {
        if (l != line)
            return true;
        found = std::string(text);
        return false;
    });
    return found;
}

} // namespace netcase
