#include "chrows.h"

#include "core/fields.h"
#include "core/ipaddr.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace netcase::cluster {

namespace {

template<typename T>
void appendLE(std::string &out, T v)
{
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T)); // x86-64 and arm64 are little-endian, as RowBinary is
    out.append(b, sizeof(T));
}

void appendAddress(std::string &out, const std::string &ip)
{
    std::array<std::uint8_t, 16> bytes{};
    bool v4 = false;
    // Events hold canonical text, which inet_pton reads at once; anything else is normalised
    // first (parseIpBytes).
    if (ip.empty()) {
        // all zeros: no address
    } else if (ip.find(':') == std::string::npos && ip.size() < 16
               && inet_pton(AF_INET, ip.c_str(), bytes.data() + 12) == 1) {
        bytes[10] = bytes[11] = 0xff;
    } else if (!parseIpBytes(ip, bytes, v4)) {
        bytes.fill(0);
    }
    out.append(reinterpret_cast<const char *>(bytes.data()), bytes.size());
}

} // namespace

void appendInt64(std::string &out, std::int64_t v)
{
    appendLE(out, v);
}

void appendUInt64(std::string &out, std::uint64_t v)
{
    appendLE(out, v);
}

void appendString(std::string &out, std::string_view s)
{
    std::uint64_t n = s.size();
    do {
        std::uint8_t b = n & 0x7f;
        n >>= 7;
        if (n)
            b |= 0x80;
        out.push_back(char(b));
    } while (n);
    out.append(s);
}

void appendEventRow(std::string &out, const Event &e)
{
    for (const FieldDef &f : eventFields()) {
        switch (f.type) {
        case FieldType::Time:
            appendLE(out, e.timestampUs);
            break;
        case FieldType::Offset:
            appendLE(out, e.tzOffsetMin);
            break;
        case FieldType::Outcome:
            out.push_back(char(e.outcome));
            break;
        case FieldType::Address:
            appendAddress(out, e.*f.text);
            break;
        case FieldType::Integer:
            appendLE(out, f.number(e));
            break;
        case FieldType::Text:
        case FieldType::Json:
            appendString(out, e.*f.text);
            break;
        }
    }
}

std::string addressText(const unsigned char b[16])
{
    static const unsigned char zero[16] = {};
    if (std::memcmp(b, zero, 16) == 0)
        return {};
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char text[INET6_ADDRSTRLEN];
    if (std::memcmp(b, mapped, 12) == 0)
        inet_ntop(AF_INET, b + 12, text, sizeof text);
    else
        inet_ntop(AF_INET6, b, text, sizeof text);
    std::string out;
    return normaliseIp(text, out) ? out : std::string(text);
}

bool RowReader::take(void *dst, size_t n)
{
    if (m_data.size() - m_pos < n)
        return false;
    std::memcpy(dst, m_data.data() + m_pos, n);
    m_pos += n;
    return true;
}

bool RowReader::readString(std::string &s)
{
    std::uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
        if (m_pos >= m_data.size() || shift > 63)
            return false;
        const auto b = std::uint8_t(m_data[m_pos++]);
        n |= std::uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    if (m_data.size() - m_pos < n)
        return false;
    s.assign(m_data.data() + m_pos, n);
    m_pos += n;
    return true;
}

bool RowReader::readEvent(Event &e)
{
    e = Event();
    for (const FieldDef &f : eventFields()) {
        switch (f.type) {
        case FieldType::Time:
            if (!take(&e.timestampUs, 8))
                return false;
            break;
        case FieldType::Offset:
            if (!take(&e.tzOffsetMin, 2))
                return false;
            break;
        case FieldType::Outcome: {
            std::uint8_t o = 0;
            if (!take(&o, 1) || o > 2)
                return false;
            e.outcome = Outcome(o);
            break;
        }
        case FieldType::Address: {
            unsigned char b[16];
            if (!take(b, 16))
                return false;
            e.*f.text = addressText(b);
            break;
        }
        case FieldType::Integer: {
            std::int64_t v = 0;
            if (!take(&v, 8))
                return false;
            f.setNumber(e, v);
            break;
        }
        case FieldType::Text:
        case FieldType::Json:
            if (!readString(e.*f.text))
                return false;
            break;
        }
    }
    return true;
}

} // namespace netcase::cluster
