#include "flowfields.h"

#include "core/ipaddr.h"

#include <charconv>

namespace netcase {

const char *ianaProtocolName(std::int64_t p)
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

bool flowNumber(std::string_view s, std::int64_t &v)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && v >= 0;
}

void readFlowField(
        FlowField field, std::string_view v, const std::string &name, Event &e, RejectReason &bad)
{
    std::int64_t n = 0;
    switch (field) {
    case FlowField::SourceIp:
    case FlowField::DestinationIp:
        if (!normaliseIp(v, field == FlowField::SourceIp ? e.sourceIp : e.destinationIp))
            bad = {RejectKind::BadValue, name + " is not an address"};
        break;
    case FlowField::SourcePort:
    case FlowField::DestinationPort:
        if (!flowNumber(v, n) || n > 65535)
            bad = {RejectKind::BadValue, name + " is not a port"};
        else
            (field == FlowField::SourcePort ? e.sourcePort : e.destinationPort) = std::int32_t(n);
        break;
    case FlowField::Protocol:
        if (flowNumber(v, n)) {
            const char *p = ianaProtocolName(n);
            e.transport = p ? p : std::string(v);
        }
        break;
    case FlowField::Packets:
        if (flowNumber(v, n))
            e.packets = n;
        break;
    case FlowField::Bytes:
        if (flowNumber(v, n))
            e.sourceBytes = n; // the flow's bytes, in its direction
        break;
    }
}

} // namespace netcase
