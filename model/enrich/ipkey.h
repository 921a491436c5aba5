#pragma once

// A 128-bit address key (IPv4 as IPv4-mapped IPv6) that sorts like the address, so ranges from
// every source (ASN CSV, lists, CIDRs) share one binary-searchable representation.

#include <array>
#include <compare>
#include <cstdint>
#include <string_view>

namespace netcase {

struct IpKey
{
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    auto operator<=>(const IpKey &) const = default;

    static IpKey fromBytes(const std::array<std::uint8_t, 16> &b);
    std::array<std::uint8_t, 16> bytes() const;
    /// True for ::ffff:0:0/96, the form IPv4 addresses take here.
    bool isV4() const { return hi == 0 && (lo >> 32) == 0xffffu; }
    std::uint32_t v4() const { return std::uint32_t(lo); }
};

/// Parses an address ("1.2.3.4", "2001:db8::1"); false when it is not one.
bool parseIpKey(std::string_view text, IpKey &out);

/// Parses "ADDR" or "ADDR/PREFIX" into an inclusive range; prefix counts in the address's own
/// family (an IPv4 /24 covers 256 addresses). False when the text is not an address or CIDR.
bool parseCidr(std::string_view text, IpKey &first, IpKey &last);

} // namespace netcase
