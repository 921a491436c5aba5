#include "cloudflareimporter.h"

#include "api/labelsbuilder.h"
#include "cloud/jsonrecordimport.h"

#include <charconv>
#include <unordered_map>

namespace netcase {

namespace {

// The http_requests dataset fields Netcase maps (developers.cloudflare.com, Logs, "Log fields",
// zone-scoped datasets, "HTTP requests"), and the firewall_events fields that differ (Datetime,
// ClientRequestPath, ClientRequestQuery); every other scalar is kept in labels.
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
        m_startIsString = m_endIsString = false;
        m_labels.clear();
    }

    void field(std::string_view path, const JsonScalar &value) override
    {
        if (value.kind == JsonScalar::Kind::Null)
            return;
        const auto it = fieldTable().find(path);
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
    }

    RejectReason finish(Event &e) override
    {
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

    std::string m_values[int(F::Count)];
    bool m_startIsString = false;
    bool m_endIsString = false;
    bool m_datetimeIsString = false;
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
        return http >= 50 || firewall >= 50 ? 95 : host >= 50 ? 90 : http + firewall > 0 ? 60 : 0;
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
