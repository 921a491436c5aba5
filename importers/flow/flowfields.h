#pragma once

// The fields every flow format shares (addresses, ports, protocol, packets, bytes), read one
// way for VPC Flow Logs and SiLK: IANA protocol numbers become ECS network.transport names, and
// a bad address or port is a reject naming the file's own field.

#include "core/event.h"
#include "core/rejectreason.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netcase {

/// "icmp", "tcp", "udp", "ipv6-icmp" for 1, 6, 17, 58; null for other numbers.
const char *ianaProtocolName(std::int64_t p);

/// A whole non-negative decimal number.
bool flowNumber(std::string_view s, std::int64_t &v);

/// Seconds with up to 6 decimals ("12.345") as microseconds; false for text, a sign, or more
/// than maxWhole whole seconds.
bool flowSecondsUs(std::string_view s, std::int64_t maxWhole, std::int64_t &us);

enum class FlowField {
    SourceIp,
    DestinationIp,
    SourcePort,
    DestinationPort,
    Protocol,
    Packets,
    Bytes
};

/// Sets the event's field from the text v. A bad address or port sets `bad`, naming the field as
/// the file calls it (`name`); a protocol that is not a number is kept as written; unreadable
/// counts are left out.
void readFlowField(
        FlowField field, std::string_view v, const std::string &name, Event &e, RejectReason &bad);

} // namespace netcase
