#include "fields.h"

#include <algorithm>
#include <array>
#include <type_traits>

namespace netcase {

namespace {

// Integer members differ in width (ports are 32-bit); each gets a getter and a setter.
template<auto Member>
std::int64_t get(const Event &e)
{
    return std::int64_t(e.*Member);
}

template<auto Member>
void set(Event &e, std::int64_t v)
{
    e.*Member = std::remove_reference_t<decltype(e.*Member)>(v);
}

constexpr FieldType T = FieldType::Text;
constexpr FieldType A = FieldType::Address;
constexpr FieldType N = FieldType::Integer;

const std::array<FieldDef, 28> kFields = {{
        {"@timestamp", "time", "ts", "Time", FieldType::Time},
        {"event.timezone", nullptr, "tz_offset", "Time zone", FieldType::Offset, nullptr, nullptr,
         nullptr, false},
        {"event.action", "action", "action", "Action", T, &Event::action},
        {"event.category", "category", "category", "Category", T, &Event::category},
        {"event.outcome", "outcome", "outcome", "Outcome", FieldType::Outcome},
        {"event.duration", "duration", "duration", "Duration", N, nullptr, get<&Event::durationUs>,
         set<&Event::durationUs>, false},
        {"source.ip", "src", "source_ip", "Source IP", A, &Event::sourceIp},
        {"source.port", "sport", "source_port", "Source port", N, nullptr, get<&Event::sourcePort>,
         set<&Event::sourcePort>},
        {"source.domain", nullptr, "source_domain", "Source domain", T, &Event::sourceDomain},
        {"client.ip", "client", "client_ip", "Client IP", A, &Event::clientIp},
        {"destination.ip", "dst", "destination_ip", "Destination IP", A, &Event::destinationIp},
        {"destination.port", "dport", "destination_port", "Destination port", N, nullptr,
         get<&Event::destinationPort>, set<&Event::destinationPort>},
        {"destination.domain", nullptr, "destination_domain", "Destination domain", T,
         &Event::destinationDomain},
        {"host.name", "host", "host", "Host", T, &Event::hostName},
        {"user.name", "user", "user", "User", T, &Event::userName},
        {"user_agent.original", "ua", "user_agent", "User agent", T, &Event::userAgent},
        {"http.request.method", "method", "http_method", "Method", T, &Event::httpMethod},
        {"url.original", "path", "url", "URL", T, &Event::urlPath},
        {"http.response.status_code", "status", "status", "Status", N, nullptr,
         get<&Event::statusCode>, set<&Event::statusCode>},
        {"http.response.body.bytes", "bytes", "body_bytes", "Bytes", N, nullptr,
         get<&Event::bodyBytes>, set<&Event::bodyBytes>},
        {"network.transport", "transport", "transport", "Transport", T, &Event::transport},
        {"session.id", "session", "session", "Session", T, &Event::sessionId},
        {"device.id", "device", "device", "Device", T, &Event::deviceId},
        {"authentication.mfa", "mfa", "mfa", "MFA", T, &Event::mfa},
        {"source.bytes", nullptr, "source_bytes", "Bytes sent", N, nullptr,
         get<&Event::sourceBytes>, set<&Event::sourceBytes>},
        {"destination.bytes", nullptr, "destination_bytes", "Bytes received", N, nullptr,
         get<&Event::destinationBytes>, set<&Event::destinationBytes>},
        {"network.packets", "packets", "packets", "Packets", N, nullptr, get<&Event::packets>,
         set<&Event::packets>},
        {"labels", "labels", "labels", "Labels", FieldType::Json, &Event::labels, nullptr, nullptr,
         false},
}};

} // namespace

std::span<const FieldDef> eventFields()
{
    return kFields;
}

const FieldDef *findField(std::string_view name)
{
    const auto it = std::find_if(kFields.begin(), kFields.end(), [name](const FieldDef &f) {
        return name == f.ecs || (f.alias && name == f.alias);
    });
    return it == kFields.end() ? nullptr : &*it;
}

std::int64_t documentNumber(const FieldDef &f, const Event &e)
{
    const std::int64_t v = f.number ? f.number(e) : -1;
    if (v >= 0 && std::string_view(f.ecs) == "event.duration")
        return v * 1000; // stored in microseconds, ECS gives nanoseconds
    return v;
}

} // namespace netcase
