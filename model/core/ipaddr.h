#pragma once

// IP address text handling shared by importers and enrichment.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace netcase {

/// If s is an IPv4 or IPv6 address (IPv6 optionally in brackets or with a zone), writes its
/// canonical text (RFC 5952 for IPv6) to out and returns true.
bool normaliseIp(std::string_view s, std::string &out);

/// Binary form: 16 bytes, IPv4 as IPv4-mapped IPv6. Returns false if s is not an address.
bool parseIpBytes(std::string_view s, std::array<std::uint8_t, 16> &out, bool &isV4);

/// "ADDRESS/BITS" with a prefix length that fits the address's family.
bool validCidr(std::string_view cidr);
/// Whether ip lies in the network cidr ("ADDRESS/BITS", or an address alone for itself); an
/// address of the other family never does.
bool inCidr(std::string_view ip, std::string_view cidr);

} // namespace netcase
