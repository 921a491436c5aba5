#pragma once

// The normalised event every importer produces. Field names follow the Elastic Common Schema
// (the field table, core/fields.h, names each member); strings are UTF-8 and empty means absent,
// numbers use -1 for absent.

#include "rejectreason.h"

#include <cstdint>
#include <string>

namespace netcase {

enum class Outcome : std::uint8_t { Unknown = 0, Success = 1, Failure = 2 };

constexpr std::int16_t kNoOffset = INT16_MIN;

struct Event
{
    std::int64_t timestampUs = 0;         ///< @timestamp, UTC microseconds since the epoch
    std::int16_t tzOffsetMin = kNoOffset; ///< offset of the original timestamp, minutes east of UTC
    std::int64_t line = 0;              ///< record number in the source (1-based line of its start)
    Outcome outcome = Outcome::Unknown; ///< event.outcome

    std::string category;          ///< event.category (authentication, web, network, iam, ...)
    std::string action;            ///< event.action (vendor-neutral verb such as ssh_login)
    std::string sourceIp;          ///< source.ip: the connecting address
    std::string sourceDomain;      ///< source.domain: when the vendor gives a name, not an address
    std::string clientIp;          ///< client.ip: X-Forwarded-For / original client when it differs
    std::string destinationIp;     ///< destination.ip
    std::string destinationDomain; ///< destination.domain (virtual host, service name)
    std::string hostName;          ///< host.name: the system that logged the event
    std::string userName;          ///< user.name
    std::string userAgent;         ///< user_agent.original
    std::string httpMethod;        ///< http.request.method
    std::string urlPath;           ///< url.original (path and query as sent)
    std::string transport;         ///< network.transport
    std::string sessionId;         ///< session.id (vendor session or sign-in correlation id)
    std::string deviceId;          ///< device.id
    std::string mfa;               ///< authentication.mfa: method/result, e.g. "push:denied"
    std::string labels;            ///< labels: JSON object with vendor fields that have no ECS home

    std::int32_t sourcePort = -1;       ///< source.port
    std::int32_t destinationPort = -1;  ///< destination.port
    std::int32_t statusCode = -1;       ///< http.response.status_code
    std::int64_t bodyBytes = -1;        ///< http.response.body.bytes
    std::int64_t sourceBytes = -1;      ///< source.bytes (flows)
    std::int64_t destinationBytes = -1; ///< destination.bytes (flows)
    std::int64_t packets = -1;          ///< network.packets (flows)
    std::int64_t durationUs = -1;       ///< event.duration in microseconds (ECS stores ns)
};

/// A record the importer could not turn into an event. Nothing is dropped silently.
struct Reject
{
    std::int64_t line = 0;
    RejectKind kind = RejectKind::Syntax;
    std::string reason; ///< the format's text for it (stored and shown)
    std::string raw;
};

/// The raw text of a record that became an event, kept so the original is one click away.
struct RawRecord
{
    std::int64_t line = 0;
    std::string text;
};

const char *outcomeName(Outcome o);

} // namespace netcase
