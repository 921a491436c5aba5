#pragma once

// IANA protocol numbers of flow records (VPC Flow Logs, SiLK) as ECS network.transport names.

#include <cstdint>

namespace netcase {

/// "icmp", "tcp", "udp", "ipv6-icmp" for 1, 6, 17, 58; null for other numbers.
inline const char *ianaProtocolName(std::int64_t p)
{
    switch (p) {
    case 1:
        return "icmp";
    case 6:
        return "tcp";
    case 17:
        return "udp";
    case 58:
        return "ipv6-icmp";
    default:
        return nullptr;
    }
}

} // namespace netcase
