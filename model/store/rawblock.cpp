#include "rawblock.h"

#include <zstd.h>

#include <algorithm>
#include <charconv>
#include <memory>

namespace netcase {

namespace {

// Blocks are Zstandard frames (level 1: about 450 MB/s here, log text shrinks about eight
// times). Cases written before it hold qCompress (zlib) blocks, told apart by the frame magic.
constexpr int kLevel = 1;

bool isZstd(const char *data, size_t size)
{
    return size >= 4 && std::uint8_t(data[0]) == 0x28 && std::uint8_t(data[1]) == 0xb5
           && std::uint8_t(data[2]) == 0x2f && std::uint8_t(data[3]) == 0xfd;
}

struct CCtxFree
{
    void operator()(ZSTD_CCtx *c) const { ZSTD_freeCCtx(c); }
};

// The largest block a reader accepts (a block holds at most kMaxBytes plus one record).
constexpr unsigned long long kMaxUnpacked = 1ull << 30;

std::string unpack(const QByteArray &block)
{
    if (!isZstd(block.constData(), size_t(block.size()))) {
        const QByteArray data = qUncompress(block);
        return std::string(data.constData(), size_t(data.size()));
    }
    const unsigned long long size
            = ZSTD_getFrameContentSize(block.constData(), size_t(block.size()));
    if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > kMaxUnpacked)
        return {};
    std::string out(size_t(size), '\0');
    const size_t got
            = ZSTD_decompress(out.data(), out.size(), block.constData(), size_t(block.size()));
    if (ZSTD_isError(got))
        return {};
    out.resize(got);
    return out;
}

} // namespace

void RawBlockBuilder::startRecord(std::int64_t line)
{
    if (m_records == 0)
        m_first = line;
    m_last = line;
    ++m_records;
}

void RawBlockBuilder::append(std::int64_t line, std::string_view raw)
{
    startRecord(line);
    char header[48];
    char *p = std::to_chars(header, header + 20, line).ptr;
    *p++ = ' ';
    p = std::to_chars(p, p + 20, raw.size()).ptr;
    *p++ = '\n';
    m_text.append(header, size_t(p - header));
    m_text.append(raw);
}

void RawBlockBuilder::appendRebuilt(std::int64_t line, std::string_view form)
{
    startRecord(line);
    char header[24];
    const char *end = std::to_chars(header, header + sizeof header, line).ptr;
    m_text.append(header, size_t(end - header));
    m_text += " =";
    m_text.append(form);
    m_text += '\n';
}

void RawBlockBuilder::pack(PackedRawBlock &out)
{
    take(out);
    out.compress();
}

void RawBlockBuilder::take(PackedRawBlock &out)
{
    out.firstLine = m_first;
    out.lastLine = m_last;
    out.records = m_records;
    out.compressed = false;
    out.data.swap(m_text);
    m_text.clear();
    m_records = 0;
    m_first = m_last = -1;
}

void PackedRawBlock::compress()
{
    if (compressed)
        return;
    compressed = true;
    if (records == 0) {
        data.clear();
        return;
    }
    thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx = [] {
        std::unique_ptr<ZSTD_CCtx, CCtxFree> c(ZSTD_createCCtx());
        ZSTD_CCtx_setParameter(c.get(), ZSTD_c_compressionLevel, kLevel);
        // A 4096-entry match table stays in the core's cache: on 60 MB of access, sshd and
        // Okta logs in blocks like ours, 7-19 % faster than level 1's default, size within 0.5 %.
        ZSTD_CCtx_setParameter(c.get(), ZSTD_c_hashLog, 12);
        return c;
    }();
    thread_local std::string packed;
    packed.resize(ZSTD_compressBound(data.size()));
    const size_t n
            = ZSTD_compress2(cctx.get(), packed.data(), packed.size(), data.data(), data.size());
    packed.resize(ZSTD_isError(n) ? 0 : n);
    data.swap(packed);
}

namespace {

/// Calls visit(line, offset, length, rebuilt) for each record of a decoded block until it returns
/// false; false when the block ends in a damaged record.
template<typename Visit>
bool parseRecords(std::string_view v, Visit &&visit)
{
    size_t p = 0;
    while (p < v.size()) {
        const size_t nl = v.find('\n', p);
        if (nl == std::string_view::npos)
            return false;
        std::string_view header = v.substr(p, nl - p);
        const size_t sp = header.find(' ');
        if (sp == std::string_view::npos)
            return false;
        std::int64_t l = 0;
        std::from_chars(header.data(), header.data() + sp, l);
        if (sp + 1 < header.size() && header[sp + 1] == '=') { // "<line> =<form>"
            if (!visit(l, p + sp + 2, header.size() - sp - 2, true))
                return true;
            p = nl + 1;
            continue;
        }
        size_t len = 0;
        std::from_chars(header.data() + sp + 1, header.data() + header.size(), len);
        if (len > v.size() - nl - 1)
            return false;
        if (!visit(l, nl + 1, len, false))
            return true;
        p = nl + 1 + len;
    }
    return true;
}

} // namespace

bool RawBlockReader::load(const QByteArray &block)
{
    m_text = unpack(block);
    m_entries.clear();
    const bool ok = parseRecords(
            m_text, [this](std::int64_t line, size_t offset, size_t length, bool rebuilt) {
                m_entries.push_back({line, offset, length, rebuilt});
                return true;
            });
    // Lines increase within a block as the import writes it; sort anyway rather than trust it.
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry &a, const Entry &b) { return a.line < b.line; });
    return ok; // the records before a damaged one stay readable
}

std::optional<StoredRecord> RawBlockReader::record(std::int64_t line) const
{
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), line,
                                     [](const Entry &e, std::int64_t l) { return e.line < l; });
    if (it == m_entries.end() || it->line != line)
        return std::nullopt;
    return StoredRecord{std::string_view(m_text).substr(it->offset, it->length), it->rebuilt};
}

std::optional<std::string> rawRecordFromBlock(const QByteArray &block, std::int64_t line)
{
    RawBlockReader reader;
    (void)reader.load(block);
    const auto stored = reader.record(line);
    if (!stored)
        return std::nullopt;
    return stored->rebuilt ? "=" + std::string(stored->text) : std::string(stored->text);
}

} // namespace netcase
