#include "albimporter.h"

#include "api/labelsbuilder.h"
#include "api/recordloop.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "weblog/accesslogparser.h"

#include <charconv>
#include <string>
#include <vector>

namespace netcase {

namespace {

// Field order of an ALB access log entry (docs.aws.amazon.com, Elastic Load Balancing,
// "Access logs for your Application Load Balancer", "Access log entries"). A Classic Load
// Balancer entry has no leading type and ends after ssl_protocol.
enum Alb {
    Type,
    Time,
    Elb,
    Client,
    Target,
    RequestTime,
    TargetTime,
    ResponseTime,
    ElbStatus,
    TargetStatus,
    ReceivedBytes,
    SentBytes,
    Request,
    UserAgent,
    SslCipher,
    SslProtocol,
    TargetGroupArn,
    TraceId,
    DomainName,
    ChosenCertArn,
    MatchedRulePriority,
    RequestCreationTime,
    ActionsExecuted,
    RedirectUrl,
    ErrorReason,
    TargetPortList,
    TargetStatusList,
    Classification,
    ClassificationReason,
    ConnTraceId,
    FieldCount
};

const char *const kLabelNames[FieldCount] = {"type",
                                             "",
                                             "elb",
                                             "",
                                             "target",
                                             "request_processing_time",
                                             "target_processing_time",
                                             "response_processing_time",
                                             "",
                                             "target_status_code",
                                             "",
                                             "",
                                             "",
                                             "",
                                             "tls_cipher",
                                             "tls_protocol",
                                             "target_group_arn",
                                             "trace_id",
                                             "",
                                             "chosen_cert_arn",
                                             "matched_rule_priority",
                                             "request_creation_time",
                                             "actions_executed",
                                             "redirect_url",
                                             "error_reason",
                                             "target_port_list",
                                             "target_status_code_list",
                                             "classification",
                                             "classification_reason",
                                             "conn_trace_id"};

/// Splits a line into space-separated tokens; "quoted" tokens lose their quotes, with \" and
/// \\ unescaped. False when a quote is not closed.
bool tokenize(std::string_view line, std::vector<std::string> &out)
{
    out.clear();
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\r'))
            ++i;
        if (i == line.size())
            break;
        std::string t;
        if (line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                const char c = line[i++];
                if (c == '\\' && i < line.size()) {
                    t += line[i++];
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    t += c;
                }
            }
            if (!closed)
                return false;
        } else {
            while (i < line.size() && line[i] != ' ' && line[i] != '\r')
                t += line[i++];
        }
        out.push_back(std::move(t));
    }
    return true;
}

bool isType(std::string_view t)
{
    return t == "http" || t == "https" || t == "h2" || t == "grpcs" || t == "ws" || t == "wss";
}

/// "1.2.3.4:5678" or "[2001:db8::1]:443" (ALB writes IPv6 clients without brackets too:
/// the port is after the last colon).
bool splitAddressPort(std::string_view s, std::string &ip, std::int32_t &port)
{
    const size_t colon = s.rfind(':');
    if (colon == std::string_view::npos)
        return false;
    int p = 0;
    const std::string_view ps = s.substr(colon + 1);
    const auto [end, ec] = std::from_chars(ps.data(), ps.data() + ps.size(), p);
    if (ec != std::errc() || end != ps.data() + ps.size() || p < 0 || p > 65535)
        return false;
    if (!normaliseIp(s.substr(0, colon), ip))
        return false;
    port = p;
    return true;
}

bool number(std::string_view s, std::int64_t &v)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && v >= 0;
}

/// Seconds with a fraction ("0.001"), -1 when the load balancer could not measure it.
std::int64_t secondsToUs(std::string_view s)
{
    double d = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec != std::errc() || end != s.data() + s.size() || d < 0 || d > 1e7)
        return -1;
    return std::int64_t(d * 1e6 + 0.5);
}

} // namespace

int AlbImporter::detect(std::string_view sample) const
{
    const std::string_view first = sample.substr(0, sample.find('\n'));
    std::vector<std::string> t;
    if (!tokenize(first, t))
        return 0;
    const size_t off = !t.empty() && isType(t[0]) ? 0 : 1; // classic: no type
    if (t.size() + off < size_t(UserAgent) + 1)
        return 0;
    std::string ip;
    std::int32_t port = 0;
    if (!parseIso(t[Time - off]) || !splitAddressPort(t[Client - off], ip, port))
        return 0;
    if (secondsToUs(t[RequestTime - off]) < 0 && t[RequestTime - off] != "-1")
        return 0;
    return off == 0 && t[Elb].find('/') != std::string::npos ? 95 : 85;
}

Status AlbImporter::parse(InputStream &in, ParseContext &ctx) const
{
    std::vector<std::string> t;
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        if (!tokenize(line, t)) {
            ctx.sink.reject(lineNo, RejectKind::Syntax, "unterminated quoted field", line);
            return;
        }
        const size_t off = !t.empty() && isType(t[0]) ? 0 : 1;
        if (t.size() + off < size_t(Request) + 1) {
            ctx.sink.reject(lineNo, RejectKind::Layout,
                            "expected at least " + std::to_string(Request + 1 - off)
                                    + " fields, found " + std::to_string(t.size()),
                            line);
            return;
        }
        auto at = [&](int f) -> const std::string & {
            static const std::string none;
            return size_t(f) >= off && size_t(f) - off < t.size() ? t[size_t(f) - off] : none;
        };
        Event e;
        e.line = lineNo;
        int offset = 0;
        const auto ts = parseIso(at(Time), &offset);
        if (!ts) {
            ctx.sink.reject(lineNo, RejectKind::BadTime, "bad time (expected ISO 8601)", line);
            return;
        }
        e.timestampUs = *ts;
        e.tzOffsetMin = std::int16_t(offset);
        if (!splitAddressPort(at(Client), e.sourceIp, e.sourcePort)) {
            ctx.sink.reject(lineNo, RejectKind::BadValue, "client is not address:port", line);
            return;
        }
        e.category = "web";
        e.action = "http_request";
        LabelsBuilder labels;
        splitHttpRequest(at(Request), e);
        if (e.action == "http_malformed_request")
            labels.add("malformed_request", at(Request));
        e.labels.clear();
        std::int64_t n = 0;
        if (number(at(ElbStatus), n) && n < 1000) {
            e.statusCode = std::int32_t(n);
            e.outcome = n >= 400 ? Outcome::Failure : Outcome::Success;
        }
        if (number(at(ReceivedBytes), n))
            e.sourceBytes = n;
        if (number(at(SentBytes), n))
            e.destinationBytes = n;
        if (at(UserAgent) != "-")
            e.userAgent = at(UserAgent);
        if (at(DomainName) != "-")
            e.destinationDomain = at(DomainName);
        std::int64_t total = 0;
        for (int f : {RequestTime, TargetTime, ResponseTime}) {
            const std::int64_t us = secondsToUs(at(f));
            total = us < 0 || total < 0 ? -1 : total + us;
        }
        if (total >= 0)
            e.durationUs = total;
        for (int f = 0; f < FieldCount; ++f) {
            const std::string &v = at(f);
            if (*kLabelNames[f] && !v.empty() && v != "-" && v != "-1")
                labels.add(kLabelNames[f], v);
        }
        // Fields added after conn_trace_id by later versions of the log are kept by position.
        for (size_t i = size_t(FieldCount) - off; i < t.size(); ++i)
            if (t[i] != "-")
                labels.add("field_" + std::to_string(i + 1 + off), t[i]);
        e.labels = labels.take();
        if (!utf8::isAscii(line))
            utf8::repair(e);
        ctx.sink.event(std::move(e), line);
    });
}

} // namespace netcase
