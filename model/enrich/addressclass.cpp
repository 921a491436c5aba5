#include "addressclass.h"

#include "ipkey.h"

#include <cstdint>

namespace netcase {

namespace {

struct V4Range
{
    std::uint32_t net;
    int prefix;
    const char *cls;
};

// Ordered so the more specific entry of an overlap wins.
constexpr V4Range kV4[] = {
        {0x00000000u, 8, "unspecified"},    {0x0A000000u, 8, "private"},
        {0x64400000u, 10, "cgnat"},         {0x7F000000u, 8, "loopback"},
        {0xA9FE0000u, 16, "link_local"},    {0xAC100000u, 12, "private"},
        {0xC0000000u, 24, "reserved"},      {0xC0000200u, 24, "documentation"},
        {0xC0A80000u, 16, "private"},       {0xC6120000u, 15, "reserved"},
        {0xC6336400u, 24, "documentation"}, {0xCB007100u, 24, "documentation"},
        {0xE0000000u, 4, "multicast"},      {0xF0000000u, 4, "reserved"},
};

const char *classifyV4(std::uint32_t a)
{
    for (const V4Range &r : kV4) {
        const std::uint32_t mask = r.prefix == 0 ? 0 : ~0u << (32 - r.prefix);
        if ((a & mask) == r.net)
            return r.cls;
    }
    return "public";
}

const char *classifyV6(const IpKey &k)
{
    const std::uint16_t first = std::uint16_t(k.hi >> 48);
    if (k.hi == 0 && k.lo == 0)
        return "unspecified";
    if (k.hi == 0 && k.lo == 1)
        return "loopback";
    if ((first & 0xfe00) == 0xfc00)
        return "private"; // unique local fc00::/7
    if ((first & 0xffc0) == 0xfe80)
        return "link_local";
    if ((first & 0xff00) == 0xff00)
        return "multicast";
    if ((k.hi >> 32) == 0x20010db8u || (first == 0x3fff && ((k.hi >> 44) & 0xf) == 0))
        return "documentation"; // 2001:db8::/32 and 3fff::/20
    if (k.hi == 0 && (k.lo >> 32) == 0)
        return "reserved"; // deprecated IPv4-compatible form ::a.b.c.d
    return "public";
}

} // namespace

QString addressClass(const IpKey &key, bool writtenAsV6)
{
    if (!key.isV4())
        return QLatin1String(classifyV6(key));
    const char *inner = classifyV4(key.v4());
    if (writtenAsV6 && qstrcmp(inner, "public") == 0)
        return QStringLiteral("ipv4_mapped");
    return QLatin1String(inner);
}

} // namespace netcase
