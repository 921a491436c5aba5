#include "eventblock.h"

#include <zstd.h>

namespace netcase {

namespace {

constexpr char kMagic = 'E';
constexpr char kVersion = 1;
constexpr char kAllNull = 0;
constexpr char kVarints = 1;
constexpr char kPackedText = 2; ///< the labels column, as one Zstandard frame

bool isDelta(int column)
{
    return column == ColLine || column == ColTs;
}

std::uint64_t zigzag(std::int64_t v)
{
    return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v)
{
    return std::int64_t(v >> 1) ^ -std::int64_t(v & 1);
}

} // namespace

namespace varint {

void put(std::string &out, std::uint64_t v)
{
    char buf[kMaxBytes];
    char *p = buf;
    put(p, v);
    out.append(buf, size_t(p - buf));
}

bool get(const char *&p, const char *end, std::uint64_t &v)
{
    v = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const auto b = std::uint8_t(*p++);
        v |= std::uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

} // namespace varint

void BlockBuilder::append(const EventInts &row, std::string_view labels, bool labelsNull)
{
    for (int c = 0; c < kIntColumns; ++c)
        m_cols[size_t(c)].push_back(row[size_t(c)]);
    if (labelsNull) {
        m_labels.push_back('\0');
    } else {
        varint::put(m_labels, labels.size() + 1);
        m_labels.append(labels);
        m_anyLabel = true;
    }
    m_minTs = std::min(m_minTs, row[ColTs]);
    m_maxTs = std::max(m_maxTs, row[ColTs]);
    ++m_count;
}

void BlockBuilder::encode(std::string &out)
{
    out.clear();
    out.push_back(kMagic);
    out.push_back(kVersion);
    varint::put(out, std::uint64_t(m_count));
    std::string &payload = m_payload;
    for (int c = 0; c < kIntColumns; ++c) {
        std::vector<std::int64_t> &col = m_cols[size_t(c)];
        // Written through a pointer into room for the longest encoding (a call per value that
        // appended to the string showed in profiles of the import).
        payload.resize(col.size() * varint::kMaxBytes);
        char *p = payload.data();
        bool any = false;
        std::int64_t prev = 0;
        const bool delta = isDelta(c);
        for (std::int64_t v : col) {
            if (v == kNull) {
                *p++ = '\0';
                continue;
            }
            any = true;
            // Wrapping subtraction: the decoder adds back with the same wrap.
            varint::put(p, zigzag(std::int64_t(std::uint64_t(v) - std::uint64_t(prev))) + 1);
            if (delta)
                prev = v;
        }
        out.push_back(any ? kVarints : kAllNull);
        if (any) {
            varint::put(out, size_t(p - payload.data()));
            out.append(payload.data(), size_t(p - payload.data()));
        }
        col.clear();
    }
    // Labels (JSON text such as referrers) are most of a block's bytes and rarely read:
    // compressed, they shrink about ten times.
    out.push_back(m_anyLabel ? kPackedText : kAllNull);
    if (m_anyLabel) {
        payload.resize(ZSTD_compressBound(m_labels.size()));
        const size_t n = ZSTD_compress(payload.data(), payload.size(), m_labels.data(),
                                       m_labels.size(), 1);
        payload.resize(ZSTD_isError(n) ? 0 : n);
        varint::put(out, payload.size());
        out.append(payload);
    }
    m_labels.clear();
    m_anyLabel = false;
    m_count = 0;
    m_minTs = INT64_MAX;
    m_maxTs = INT64_MIN;
}

bool DecodedBlock::reset(
        std::int64_t firstId, std::int64_t sourceId, int count, const void *data, size_t size)
{
    m_data.assign(static_cast<const char *>(data), size);
    m_firstId = firstId;
    m_sourceId = sourceId;
    m_count = 0;
    m_decoded.fill(false);
    m_labelsDecoded = false;
    const char *begin = m_data.data();
    const char *p = begin;
    const char *end = p + m_data.size();
    std::uint64_t n = 0;
    if (size < 3 || p[0] != kMagic || p[1] != kVersion)
        return false;
    p += 2;
    if (!varint::get(p, end, n) || n != std::uint64_t(count) || count < 0)
        return false;
    for (auto &span : m_spans) {
        if (p >= end)
            return false;
        const char kind = *p++;
        std::uint64_t len = 0;
        if (kind != kAllNull && (!varint::get(p, end, len) || len > std::uint64_t(end - p)))
            return false;
        span = {std::uint32_t(p - begin), std::uint32_t(len)};
        p += len;
    }
    m_count = count;
    return true;
}

const std::vector<std::int64_t> &DecodedBlock::column(int c)
{
    std::vector<std::int64_t> &col = m_cols[size_t(c)];
    if (m_decoded[size_t(c)])
        return col;
    m_decoded[size_t(c)] = true;
    col.assign(size_t(m_count), kNull);
    const auto [offset, length] = m_spans[size_t(c)];
    const char *p = m_data.data() + offset;
    const char *end = p + length;
    const bool delta = isDelta(c);
    std::int64_t prev = 0;
    for (int i = 0; i < m_count && p < end; ++i) {
        std::uint64_t v = 0;
        if (!varint::get(p, end, v))
            break; // a damaged column reads as NULL from here
        if (v == 0)
            continue;
        const std::int64_t value
                = std::int64_t(std::uint64_t(prev) + std::uint64_t(unzigzag(v - 1)));
        col[size_t(i)] = value;
        if (delta)
            prev = value;
    }
    return col;
}

std::int64_t DecodedBlock::value(int c, int row)
{
    return row >= 0 && row < m_count ? column(c)[size_t(row)] : kNull;
}

std::string_view DecodedBlock::labels(int row, bool &isNull)
{
    if (!m_labelsDecoded) {
        m_labelsDecoded = true;
        m_labels.assign(size_t(m_count), {0, -1});
        const auto [offset, length] = m_spans[kIntColumns];
        m_text.clear();
        const unsigned long long size = ZSTD_getFrameContentSize(m_data.data() + offset, length);
        if (length > 0 && size != ZSTD_CONTENTSIZE_UNKNOWN && size != ZSTD_CONTENTSIZE_ERROR
            && size <= (1u << 30)) {
            m_text.resize(size_t(size));
            const size_t got
                    = ZSTD_decompress(m_text.data(), m_text.size(), m_data.data() + offset, length);
            m_text.resize(ZSTD_isError(got) ? 0 : got);
        }
        const char *begin = m_text.data();
        const char *p = begin;
        const char *end = p + m_text.size();
        for (int i = 0; i < m_count && p < end; ++i) {
            std::uint64_t v = 0;
            if (!varint::get(p, end, v))
                break;
            if (v == 0)
                continue;
            if (v - 1 > std::uint64_t(end - p))
                break;
            m_labels[size_t(i)] = {std::uint32_t(p - begin), std::int32_t(v - 1)};
            p += v - 1;
        }
    }
    isNull = true;
    if (row < 0 || row >= m_count || m_labels[size_t(row)].second < 0)
        return {};
    isNull = false;
    return {m_text.data() + m_labels[size_t(row)].first, size_t(m_labels[size_t(row)].second)};
}

} // namespace netcase
