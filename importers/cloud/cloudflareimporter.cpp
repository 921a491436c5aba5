#include "cloudflareimporter.h"

#include "api/labelsbuilder.h"
#include "cloud/jsonrecordimport.h"

#include "core/ipaddr.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>

namespace netcase {

namespace {

// The http_requests dataset fields Netcase maps (developers.cloudflare.com, Logs, "Log fields",
// zone-scoped datasets, "HTTP requests"), and the firewall_events fields that differ (Datetime,
// ClientRequestPath, ClientRequestQuery); then the addresses, accounts, names and times of
// dns_logs (zone-scoped), gateway_dns, gateway_http, access_requests and audit_logs
// (account-scoped datasets). Every other scalar is kept in labels.
enum class F {
    EdgeStart,
    EdgeEnd,
    Datetime,
    Path,
    Query,
    ClientIp,
    ClientPort,
    Host,
    Method,
    Uri,
    UserAgent,
    Referer,
    Status,
    EdgeBytes,
    ClientBytes,
    Timestamp, // dns_logs
    CreatedAt, // access_requests
    When,      // audit_logs
    SrcIp,     // gateway_dns: SrcIP, SrcPort, DstIP, DstPort
    SrcPort,
    DstIp,
    DstPort,
    SourceIp, // gateway_http (and dns_logs: SourceIP)
    SourcePort,
    DestIp,
    DestPort,
    Email,     // gateway_dns, gateway_http, access_requests
    IpAddress, // access_requests
    AppDomain,
    ActorIp, // audit_logs
    ActorEmail,
    QueryName, // dns_logs, gateway_dns
    HttpHost,  // gateway_http
    HttpMethod,
    HttpStatus,
    Url,
    GwUserAgent,
    GwReferer,
    DeviceId,
    Count
};

const std::unordered_map<std::string_view, F> &fieldTable()
{
    static const std::unordered_map<std::string_view, F> t = {
            {"EdgeStartTimestamp", F::EdgeStart},
            {"EdgeEndTimestamp", F::EdgeEnd},
            {"Datetime", F::Datetime},
            {"ClientRequestPath", F::Path},
            {"ClientRequestQuery", F::Query},
            {"ClientIP", F::ClientIp},
            {"ClientSrcPort", F::ClientPort},
            {"ClientRequestHost", F::Host},
            {"ClientRequestMethod", F::Method},
            {"ClientRequestURI", F::Uri},
            {"ClientRequestUserAgent", F::UserAgent},
            {"ClientRequestReferer", F::Referer},
            {"EdgeResponseStatus", F::Status},
            {"EdgeResponseBytes", F::EdgeBytes},
            {"ClientRequestBytes", F::ClientBytes},
            {"Timestamp", F::Timestamp},
            {"CreatedAt", F::CreatedAt},
            {"When", F::When},
            {"SrcIP", F::SrcIp},
            {"SrcPort", F::SrcPort},
            {"DstIP", F::DstIp},
            {"DstPort", F::DstPort},
            {"SourceIP", F::SourceIp},
            {"SourcePort", F::SourcePort},
            {"DestinationIP", F::DestIp},
            {"DestinationPort", F::DestPort},
            {"Email", F::Email},
            {"IPAddress", F::IpAddress},
            {"AppDomain", F::AppDomain},
            {"ActorIP", F::ActorIp},
            {"ActorEmail", F::ActorEmail},
            {"QueryName", F::QueryName},
            {"HTTPHost", F::HttpHost},
            {"HTTPMethod", F::HttpMethod},
            {"HTTPStatusCode", F::HttpStatus},
            {"URL", F::Url},
            {"UserAgent", F::GwUserAgent},
            {"Referer", F::GwReferer},
            {"DeviceID", F::DeviceId},
    };
    return t;
}

/// "ClientSSLProtocol" -> "client_ssl_protocol", "SecurityActions[0]" -> "security_actions_0".
std::string snakeCase(std::string_view s)
{
    std::string out;
    auto upper = [](char c) {
        return c >= 'A' && c <= 'Z';
    };
    auto lower = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    };
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (upper(c)) {
            const bool boundary = i > 0
                                  && (lower(s[i - 1])
                                      || (upper(s[i - 1]) && i + 1 < s.size() && lower(s[i + 1])
                                          && s[i + 1] > '9'));
            if (boundary && !out.empty() && out.back() != '_')
                out += '_';
            out += char(c - 'A' + 'a');
        } else if (lower(c)) {
            out += c;
        } else if (!out.empty() && out.back() != '_') {
            out += '_';
        }
    }
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    return out;
}

bool integer(std::string_view s, std::int64_t &v)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && v >= 0;
}

/// EdgeStartTimestamp as Logpush writes it under each timestamp option: unixnano (the
/// default), unix seconds, or RFC 3339 text. Integers are read by magnitude (ns, us, ms, s).
bool readTimestamp(std::string_view text, bool isString, Event &e)
{
    std::int64_t v = 0;
    if (isString && !integer(text, v))
        return setIsoTimestamp(e, text);
    if (!integer(text, v))
        return false;
    if (v >= 100000000000000000LL)
        v /= 1000; // ns to us
    else if (v < 100000000000LL)
        v *= 1000000; // s
    else if (v < 100000000000000LL)
        v *= 1000; // ms
    if (v > 253402300799000000LL)
        return false;
    e.timestampUs = v;
    e.tzOffsetMin = 0;
    return true;
}

class CloudflareMapper final : public JsonEventMapper
{
public:
    void begin() override
    {
        for (auto &v : m_values)
            v.clear();
        m_startIsString = m_endIsString = m_datetimeIsString = m_otherTimeIsString = false;
        m_labels.clear();
        m_action.clear();
        m_allowed.clear();
        m_result.clear();
    }

    void field(std::string_view path, const JsonScalar &value) override
    {
        if (value.kind == JsonScalar::Kind::Null)
            return;
        const auto it = fieldTable().find(path);
        // Verdicts of the account-scoped datasets: kept in labels and read by finish().
        if (path == "Action")
            m_action.assign(value.text);
        else if (path == "Allowed")
            m_allowed.assign(value.text);
        else if (path == "ActionResult")
            m_result.assign(value.text);
        if (it == fieldTable().end()) {
            if (value.kind == JsonScalar::Kind::Bool || value.kind == JsonScalar::Kind::Number)
                m_labels.addRaw(snakeCase(path), value.text);
            else
                m_labels.add(snakeCase(path), value.text);
            return;
        }
        m_values[int(it->second)].assign(value.text);
        if (it->second == F::EdgeStart)
            m_startIsString = value.kind == JsonScalar::Kind::String;
        if (it->second == F::EdgeEnd)
            m_endIsString = value.kind == JsonScalar::Kind::String;
        if (it->second == F::Datetime)
            m_datetimeIsString = value.kind == JsonScalar::Kind::String;
        if (it->second == F::Timestamp || it->second == F::CreatedAt || it->second == F::When)
            m_otherTimeIsString = value.kind == JsonScalar::Kind::String;
    }

    RejectReason finish(Event &e) override
    {
        if (get(F::EdgeStart).empty() && get(F::ClientIp).empty()) {
            if (auto why = finishAccountDataset(e))
                return *why;
        }
        // A firewall event carries Datetime instead of the edge timestamps.
        const bool firewall = get(F::EdgeStart).empty() && !get(F::Datetime).empty();
        const std::string &start = firewall ? get(F::Datetime) : get(F::EdgeStart);
        const char *timeField = firewall ? "Datetime" : "EdgeStartTimestamp";
        if (start.empty())
            return {RejectKind::NoTime, "no EdgeStartTimestamp or Datetime"};
        if (!readTimestamp(start, firewall ? m_datetimeIsString : m_startIsString, e))
            return {RejectKind::BadTime, std::string("unreadable ") + timeField + ": " + start};
        Event end;
        if (!get(F::EdgeEnd).empty() && readTimestamp(get(F::EdgeEnd), m_endIsString, end)
            && end.timestampUs >= e.timestampUs)
            e.durationUs = end.timestampUs - e.timestampUs;
        e.category = "web";
        e.action = firewall ? "firewall_event" : "http_request";
        if (!get(F::ClientIp).empty() && !setSourceAddress(e, get(F::ClientIp))) {
            m_labels.add("client_ip_unparsed", get(F::ClientIp));
            e.sourceDomain.clear();
        }
        std::int64_t n = 0;
        if (integer(get(F::ClientPort), n) && n <= 65535)
            e.sourcePort = std::int32_t(n);
        e.destinationDomain = get(F::Host);
        e.httpMethod = get(F::Method);
        e.urlPath = get(F::Uri);
        if (e.urlPath.empty() && !get(F::Path).empty()) {
            e.urlPath = get(F::Path);
            const std::string &q = get(F::Query);
            if (!q.empty())
                e.urlPath += (q.front() == '?' ? "" : "?") + q;
        }
        e.userAgent = get(F::UserAgent);
        m_labels.add("http_referrer", get(F::Referer));
        if (integer(get(F::Status), n) && n > 0 && n < 1000) {
            e.statusCode = std::int32_t(n);
            e.outcome = n >= 400 ? Outcome::Failure : Outcome::Success;
        }
        if (integer(get(F::EdgeBytes), n))
            e.destinationBytes = n;
        if (integer(get(F::ClientBytes), n))
            e.sourceBytes = n;
        e.labels = m_labels.take();
        return {};
    }

private:
    const std::string &get(F f) const { return m_values[int(f)]; }

    void setPort(std::int32_t &out, F f) const
    {
        std::int64_t n = 0;
        if (integer(get(f), n) && n > 0 && n <= 65535)
            out = std::int32_t(n);
    }

    void setAddress(std::string &out, F f, const char *label)
    {
        if (!get(f).empty() && !normaliseIp(get(f), out))
            m_labels.add(label, get(f));
    }

    /// dns_logs, gateway_dns, gateway_http, access_requests and audit_logs: the reject reason
    /// (empty for an event), or nothing when the record is none of them.
    std::optional<RejectReason> finishAccountDataset(Event &e)
    {
        const char *timeField = !get(F::Timestamp).empty()   ? "Timestamp"
                                : !get(F::CreatedAt).empty() ? "CreatedAt"
                                : !get(F::When).empty()      ? "When"
                                : !get(F::Datetime).empty()  ? "Datetime"
                                                             : nullptr;
        const bool gatewayDns = !get(F::SrcIp).empty() || !get(F::DstIp).empty()
                                || (!get(F::QueryName).empty() && !get(F::Datetime).empty());
        const bool gatewayHttp = !get(F::Datetime).empty()
                                 && (!get(F::HttpHost).empty() || !get(F::Url).empty()
                                     || !get(F::SourceIp).empty());
        const bool dnsLogs = !get(F::Timestamp).empty() && !get(F::QueryName).empty();
        const bool access = !get(F::CreatedAt).empty();
        const bool audit = !get(F::When).empty();
        if (!timeField || !(gatewayDns || gatewayHttp || dnsLogs || access || audit))
            return std::nullopt;
        const std::string &t = get(timeField[0] == 'D'   ? F::Datetime
                                   : timeField[0] == 'T' ? F::Timestamp
                                   : timeField[0] == 'C' ? F::CreatedAt
                                                         : F::When);
        const bool isString = timeField[0] == 'D' ? m_datetimeIsString : m_otherTimeIsString;
        if (!readTimestamp(t, isString, e))
            return RejectReason{RejectKind::BadTime,
                                std::string("unreadable ") + timeField + ": " + t};
        e.deviceId = get(F::DeviceId);
        if (dnsLogs || gatewayDns) {
            e.category = "network";
            e.action = "dns_query";
            setAddress(e.sourceIp, dnsLogs ? F::SourceIp : F::SrcIp, "source_ip_unparsed");
            setAddress(e.destinationIp, F::DstIp, "destination_ip_unparsed");
            setPort(e.sourcePort, F::SrcPort);
            setPort(e.destinationPort, F::DstPort);
            m_labels.add("dns_question_name", get(F::QueryName)); // ECS dns.question.name
            e.userName = get(F::Email);
        } else if (gatewayHttp) {
            e.category = "web";
            e.action = "http_request";
            setAddress(e.sourceIp, F::SourceIp, "source_ip_unparsed");
            setAddress(e.destinationIp, F::DestIp, "destination_ip_unparsed");
            setPort(e.sourcePort, F::SourcePort);
            setPort(e.destinationPort, F::DestPort);
            e.destinationDomain = get(F::HttpHost);
            e.httpMethod = get(F::HttpMethod);
            e.urlPath = get(F::Url);
            e.userAgent = get(F::GwUserAgent);
            m_labels.add("http_referrer", get(F::GwReferer));
            std::int64_t n = 0;
            if (integer(get(F::HttpStatus), n) && n > 0 && n < 1000)
                e.statusCode = std::int32_t(n);
            e.userName = get(F::Email);
            if (!m_action.empty())
                e.outcome = m_action == "block" ? Outcome::Failure : Outcome::Success;
        } else if (access) {
            // Cloudflare Access: a login to (or logout from) a protected application.
            e.category = "authentication";
            e.action = m_action == "logout" ? "access_logout" : "access_login";
            setAddress(e.sourceIp, F::IpAddress, "source_ip_unparsed");
            e.userName = get(F::Email);
            e.destinationDomain = get(F::AppDomain);
            if (!m_allowed.empty())
                e.outcome = m_allowed == "true" ? Outcome::Success : Outcome::Failure;
        } else {
            // The account's audit log: who changed which resource, from where.
            e.category = "configuration";
            e.action = "cloudflare_audit";
            setAddress(e.sourceIp, F::ActorIp, "source_ip_unparsed");
            e.userName = get(F::ActorEmail);
            if (!m_result.empty())
                e.outcome = m_result == "true" ? Outcome::Success : Outcome::Failure;
        }
        e.labels = m_labels.take();
        return RejectReason{};
    }

    std::string m_values[int(F::Count)];
    bool m_startIsString = false;
    bool m_endIsString = false;
    bool m_datetimeIsString = false;
    bool m_otherTimeIsString = false;
    std::string m_action;  ///< gateway_http Action, access_requests Action
    std::string m_allowed; ///< access_requests Allowed
    std::string m_result;  ///< audit_logs ActionResult
    LabelsBuilder m_labels;
};

} // namespace

int CloudflareImporter::detect(std::string_view sample) const
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        const int http = s.percentWith({"ClientIP", "EdgeStartTimestamp"});
        const int firewall = s.percentWith({"ClientIP", "Datetime", "RayID"});
        const int host = s.percentWith({"ClientRequestHost", "EdgeStartTimestamp"});
        // dns_logs, gateway_dns, gateway_http, access_requests, audit_logs: a record is one of
        // them at most, so their shares add up (a Logpush file usually holds one dataset).
        const int other = s.percentWith({"Timestamp", "SourceIP", "QueryName"})
                          + s.percentWith({"Datetime", "SrcIP", "QueryName"})
                          + s.percentWith({"Datetime", "SourceIP", "HTTPHost"})
                          + s.percentWith({"CreatedAt", "IPAddress", "AppDomain"})
                          + s.percentWith({"When", "ActorEmail", "ActionType"});
        return http >= 50 || firewall >= 50 ? 95
               : host >= 50 || other >= 50  ? 90
               : http + firewall > 0        ? 60
                                            : 0;
    }
    const bool keys = sample.find("\"ClientIP\"") != std::string_view::npos
                      && sample.find("\"EdgeStartTimestamp\"") != std::string_view::npos;
    return keys ? 70 : 0;
}

Status CloudflareImporter::parse(InputStream &in, ParseContext &ctx) const
{
    CloudflareMapper mapper;
    return importJsonRecords(in, ctx, mapper);
}

} // namespace netcase
