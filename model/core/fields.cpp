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
        {"@timestamp", "time", "ts", FieldType::Time},
        {"event.timezone", nullptr, "tz_offset", FieldType::Offset, nullptr, nullptr, nullptr,
         false},
        {"event.action", "action", "action", T, &Event::action},
        {"event.category", "category", "category", T, &Event::category},
        {"event.outcome", "outcome", "outcome", FieldType::Outcome},
        {"event.duration", "duration", "duration", N, nullptr, get<&Event::durationUs>,
         set<&Event::durationUs>, false},
        {"source.ip", "src", "source_ip", A, &Event::sourceIp},
        {"source.port", "sport", "source_port", N, nullptr, get<&Event::sourcePort>,
         set<&Event::sourcePort>},
        {"source.domain", nullptr, "source_domain", T, &Event::sourceDomain},
        {"client.ip", "client", "client_ip", A, &Event::clientIp},
        {"destination.ip", "dst", "destination_ip", A, &Event::destinationIp},
        {"destination.port", "dport", "destination_port", N, nullptr, get<&Event::destinationPort>,
         set<&Event::destinationPort>},
        {"destination.domain", nullptr, "destination_domain", T, &Event::destinationDomain},
        {"host.name", "host", "host", T, &Event::hostName},
        {"user.name", "user", "user", T, &Event::userName},
        {"user_agent.original", "ua", "user_agent", T, &Event::userAgent},
        {"http.request.method", "method", "http_method", T, &Event::httpMethod},
        {"url.original", "path", "url", T, &Event::urlPath},
        {"http.response.status_code", "status", "status", N, nullptr, get<&Event::statusCode>,
         set<&Event::statusCode>},
        {"http.response.body.bytes", "bytes", "body_bytes", N, nullptr, get<&Event::bodyBytes>,
         set<&Event::bodyBytes>},
        {"network.transport", "transport", "transport", T, &Event::transport},
        {"session.id", "session", "session", T, &Event::sessionId},
        {"device.id", "device", "device", T, &Event::deviceId},
        {"authentication.mfa", "mfa", "mfa", T, &Event::mfa},
        {"source.bytes", nullptr, "source_bytes", N, nullptr, get<&Event::sourceBytes>,
         set<&Event::sourceBytes>},
        {"destination.bytes", nullptr, "destination_bytes", N, nullptr,
         get<&Event::destinationBytes>, set<&Event::destinationBytes>},
        {"network.packets", "packets", "packets", N, nullptr, get<&Event::packets>,
         set<&Event::packets>},
        {"labels", "labels", "labels", FieldType::Json, &Event::labels, nullptr, nullptr, false},
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
