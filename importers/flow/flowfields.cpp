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

bool flowSecondsUs(std::string_view s, std::int64_t maxWhole, std::int64_t &us)
{
    const size_t dot = s.find('.');
    std::int64_t whole = 0;
    if (!flowNumber(s.substr(0, dot), whole) || whole > maxWhole)
        return false;
    std::int64_t frac = 0, scale = 100000;
    if (dot != std::string_view::npos) {
        for (size_t i = dot + 1; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            frac += (s[i] - '0') * scale;
            scale /= 10;
        }
    }
    us = whole * 1000000 + frac;
    return true;
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
