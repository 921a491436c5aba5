#include "ipkey.h"

#include "core/ipaddr.h"

#include <charconv>

namespace netcase {

IpKey IpKey::fromBytes(const std::array<std::uint8_t, 16> &b)
{
    IpKey k;
    for (int i = 0; i < 8; ++i)
        k.hi = (k.hi << 8) | b[i];
    for (int i = 8; i < 16; ++i)
        k.lo = (k.lo << 8) | b[i];
    return k;
}

std::array<std::uint8_t, 16> IpKey::bytes() const
{
    std::array<std::uint8_t, 16> b{};
    for (int i = 0; i < 8; ++i)
        b[i] = std::uint8_t(hi >> (56 - 8 * i));
    for (int i = 0; i < 8; ++i)
        b[8 + i] = std::uint8_t(lo >> (56 - 8 * i));
    return b;
}

bool parseIpKey(std::string_view text, IpKey &out)
{
    std::array<std::uint8_t, 16> b;
    bool v4 = false;
    if (!parseIpBytes(text, b, v4))
        return false;
    out = IpKey::fromBytes(b);
    return true;
}

bool parseCidr(std::string_view text, IpKey &first, IpKey &last)
{
    const auto slash = text.find('/');
    const std::string_view addr = text.substr(0, slash);
    std::array<std::uint8_t, 16> b;
    bool v4 = false;
    if (!parseIpBytes(addr, b, v4))
        return false;
    int prefix = v4 ? 32 : 128;
    if (slash != std::string_view::npos) {
        const std::string_view p = text.substr(slash + 1);
        int value = -1;
        auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
        if (ec != std::errc() || ptr != p.data() + p.size() || value < 0 || value > prefix)
            return false;
        prefix = value;
    }
    // Work in the 128-bit space: an IPv4 prefix sits below the 96-bit mapped prefix.
    const int bits = v4 ? prefix + 96 : prefix;
    IpKey k = IpKey::fromBytes(b);
    IpKey mask;
    mask.hi = bits >= 64 ? ~0ULL : (bits == 0 ? 0 : ~0ULL << (64 - bits));
    mask.lo = bits <= 64 ? 0 : (bits >= 128 ? ~0ULL : ~0ULL << (128 - bits));
    first = {k.hi & mask.hi, k.lo & mask.lo};
    last = {first.hi | ~mask.hi, first.lo | ~mask.lo};
    return true;
}

} // namespace netcase
