#include "utf16stream.h"

#include <algorithm>
#include <cstring>

namespace netcase {

namespace {

constexpr std::int64_t kBlock = 64 * 1024;
constexpr size_t kSniffBytes = 1024;

void appendUtf8(std::string &out, char32_t c)
{
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
}

constexpr char32_t kReplacement = 0xFFFD;

} // namespace

Utf16DecodingStream::Utf16DecodingStream(InputStream &inner)
    : m_inner(inner)
{}

bool Utf16DecodingStream::sniff()
{
    char head[kSniffBytes];
    std::int64_t got = 0;
    while (got < std::int64_t(sizeof head)) {
        const std::int64_t n = m_inner.read(head + got, std::int64_t(sizeof head) - got);
        if (n < 0)
            return false;
        if (n == 0) {
            m_eof = true;
            break;
        }
        got += n;
    }
    const std::string_view h(head, size_t(got));
    const auto b0 = got >= 2 ? static_cast<unsigned char>(head[0]) : 0;
    const auto b1 = got >= 2 ? static_cast<unsigned char>(head[1]) : 0;
    size_t skip = 0;
    if (b0 == 0xFF && b1 == 0xFE) {
        m_mode = Mode::LittleEndian;
        skip = 2; // the mark itself is not passed on
    } else if (b0 == 0xFE && b1 == 0xFF) {
        m_mode = Mode::BigEndian;
        skip = 2;
    } else if (looksUtf16WithoutBom(h, true)) {
        m_mode = Mode::LittleEndian;
    } else if (looksUtf16WithoutBom(h, false)) {
        m_mode = Mode::BigEndian;
    } else {
        m_mode = Mode::Plain;
    }
    m_in.assign(head + skip, size_t(got) - skip);
    if (m_mode != Mode::Plain && m_eof) {
        transcode(true); // all of it was in the head
    }
    return true;
}

bool looksUtf16WithoutBom(std::string_view head, bool littleEndian)
{
    const size_t pairs = head.size() / 2;
    if (pairs < 4)
        return false;
    size_t text = 0;
    for (size_t i = 0; i < pairs; ++i) {
        const auto a = static_cast<unsigned char>(head[2 * i]);
        const auto b = static_cast<unsigned char>(head[2 * i + 1]);
        const unsigned char zero = littleEndian ? b : a;
        const unsigned char low = littleEndian ? a : b;
        if (low == 0 && zero == 0)
            return false; // U+0000 is not text: a binary file with runs of zeros
        if (zero != 0)
            continue; // a character beyond U+00FF (allowed, but not counted)
        // U+0009..U+000D, printable ASCII, Latin-1 letters.
        text += (low >= 0x09 && low <= 0x0D) || (low >= 0x20 && low < 0x7F) || low >= 0xA0;
    }
    return text * 10 >= pairs * 9;
}

void Utf16DecodingStream::transcode(bool atEnd)
{
    const bool le = m_mode == Mode::LittleEndian;
    size_t i = 0;
    for (; i + 1 < m_in.size(); i += 2) {
        const auto a = static_cast<unsigned char>(m_in[i]);
        const auto b = static_cast<unsigned char>(m_in[i + 1]);
        const char16_t u = le ? char16_t(a | (b << 8)) : char16_t((a << 8) | b);
        if (m_high) {
            if (u >= 0xDC00 && u <= 0xDFFF) {
                appendUtf8(m_out, 0x10000 + ((char32_t(m_high) - 0xD800) << 10) + (u - 0xDC00));
                m_high = 0;
                continue;
            }
            appendUtf8(m_out, kReplacement); // a high surrogate without its pair
            m_high = 0;
        }
        if (u >= 0xD800 && u <= 0xDBFF)
            m_high = u;
        else if (u >= 0xDC00 && u <= 0xDFFF)
            appendUtf8(m_out, kReplacement); // a low surrogate alone
        else
            appendUtf8(m_out, u);
    }
    m_in.erase(0, i);
    if (atEnd) {
        if (m_high || !m_in.empty())
            appendUtf8(m_out, kReplacement); // cut in the middle of a character
        m_high = 0;
        m_in.clear();
    }
}

std::int64_t Utf16DecodingStream::read(char *buffer, std::int64_t n)
{
    if (n <= 0)
        return 0;
    if (m_mode == Mode::Unknown && !sniff())
        return -1;
    if (m_mode == Mode::Plain) {
        if (!m_in.empty()) { // the bytes read to sniff
            const size_t k = std::min(m_in.size(), size_t(n));
            std::memcpy(buffer, m_in.data(), k);
            m_in.erase(0, k);
            return std::int64_t(k);
        }
        return m_eof ? 0 : m_inner.read(buffer, n);
    }
    while (m_outPos == m_out.size()) {
        m_out.clear();
        m_outPos = 0;
        if (m_eof)
            return 0;
        const size_t had = m_in.size();
        m_in.resize(had + size_t(kBlock));
        const std::int64_t got = m_inner.read(m_in.data() + had, kBlock);
        if (got < 0) {
            m_in.resize(had);
            return -1;
        }
        m_in.resize(had + size_t(got));
        if (got == 0)
            m_eof = true;
        transcode(m_eof);
    }
    const size_t k = std::min(m_out.size() - m_outPos, size_t(n));
    std::memcpy(buffer, m_out.data() + m_outPos, k);
    m_outPos += k;
    return std::int64_t(k);
}

} // namespace netcase
