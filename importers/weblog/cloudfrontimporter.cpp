#include "cloudfrontimporter.h"

#include "api/labelsbuilder.h"
#include "api/recordloop.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <QByteArray>

#include <charconv>
#include <string>
#include <unordered_map>
#include <vector>

namespace netcase {

namespace {

// The fields of a standard log file (docs.aws.amazon.com, CloudFront developer guide,
// "Standard logging reference", "Log file fields"); any other name is kept in labels.
enum class F {
    Other,
    Date,
    Time,
    ClientIp,
    ClientPort,
    Method,
    UriStem,
    UriQuery,
    Status,
    Referer,
    UserAgent,
    HostHeader,
    DistributionHost,
    ScBytes,
    CsBytes,
    TimeTaken,
    ForwardedFor,
};

const std::unordered_map<std::string_view, F> &fieldTable()
{
    static const std::unordered_map<std::string_view, F> t = {
            {"date", F::Date},
            {"time", F::Time},
            {"c-ip", F::ClientIp},
            {"c-port", F::ClientPort},
            {"cs-method", F::Method},
            {"cs-uri-stem", F::UriStem},
            {"cs-uri-query", F::UriQuery},
            {"sc-status", F::Status},
            {"cs(Referer)", F::Referer},
            {"cs(User-Agent)", F::UserAgent},
            {"x-host-header", F::HostHeader},
            {"cs(Host)", F::DistributionHost},
            {"sc-bytes", F::ScBytes},
            {"cs-bytes", F::CsBytes},
            {"time-taken", F::TimeTaken},
            {"x-forwarded-for", F::ForwardedFor},
    };
    return t;
}

// The 33 fields of the legacy standard log, for a file whose header lines were cut off.
constexpr std::string_view kDefaultFields
        = "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
          "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type "
          "x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for "
          "ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status "
          "fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type "
          "sc-content-type sc-content-len sc-range-start sc-range-end";

std::vector<std::string_view> split(std::string_view line, char sep)
{
    std::vector<std::string_view> out;
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    size_t start = 0;
    for (;;) {
        const size_t p = line.find(sep, start);
        out.push_back(line.substr(start, p == std::string_view::npos ? p : p - start));
        if (p == std::string_view::npos)
            return out;
        start = p + 1;
    }
}

std::vector<std::string_view> splitWords(std::string_view s)
{
    std::vector<std::string_view> out;
    for (std::string_view w : split(s, ' '))
        if (!w.empty())
            out.push_back(w);
    return out;
}

bool number(std::string_view s, std::int64_t &v)
{
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && v >= 0;
}

std::string percentDecoded(std::string_view s)
{
    return QByteArray::fromPercentEncoding(QByteArray(s.data(), qsizetype(s.size()))).toStdString();
}

/// cs(User-Agent) is URL-encoded; older files encoded it twice ("%2520" for a space).
std::string decodedAgent(std::string_view s)
{
    std::string d = percentDecoded(s);
    if (d.find(' ') == std::string::npos && d.find("%20") != std::string::npos)
        d = percentDecoded(d);
    return d;
}

/// A label key from a W3C field name: "cs(Cookie)" -> "cs_cookie", "x-edge-location" ->
/// "x_edge_location".
std::string labelKey(std::string_view name)
{
    std::string k;
    for (char c : name) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            k += c;
        else if (c >= 'A' && c <= 'Z')
            k += char(c - 'A' + 'a');
        else if (!k.empty() && k.back() != '_')
            k += '_';
    }
    while (!k.empty() && k.back() == '_')
        k.pop_back();
    return k;
}

bool isFieldsLine(std::string_view line)
{
    return line.starts_with("#Fields:");
}

} // namespace

int CloudFrontImporter::detect(std::string_view sample) const
{
    const size_t f = sample.find("#Fields:");
    if (f != std::string_view::npos && (f == 0 || sample[f - 1] == '\n')) {
        const std::string_view line = sample.substr(f, sample.find('\n', f) - f);
        if (line.find("x-edge-location") != std::string_view::npos
            || line.find("x-edge-request-id") != std::string_view::npos)
            return 95;
        return 0; // another W3C log (IIS): not read here
    }
    // Without headers: date, time and an edge location ("FRA56-P1") separated by tabs.
    const std::string_view first = sample.substr(0, sample.find('\n'));
    const auto t = split(first, '\t');
    if (t.size() >= 20 && t[0].size() == 10
        && parseIso(std::string(t[0]) + "T" + std::string(t[1]) + "Z")
        && t[2].find('-') != std::string_view::npos)
        return 70;
    return 0;
}

Status CloudFrontImporter::parse(InputStream &in, ParseContext &ctx) const
{
    std::vector<std::string> names;
    std::vector<F> slots;
    auto useNames = [&](std::string_view list) {
        names.clear();
        slots.clear();
        for (std::string_view n : splitWords(list)) {
            names.emplace_back(n);
            const auto it = fieldTable().find(n);
            slots.push_back(it == fieldTable().end() ? F::Other : it->second);
        }
    };
    bool haveFields = false;
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        if (line.front() == '#') {
            if (isFieldsLine(line)) {
                useNames(line.substr(8));
                haveFields = true;
            }
            return; // #Version and other directives
        }
        if (!haveFields) {
            useNames(kDefaultFields);
            haveFields = true;
            ctx.sink.note("no #Fields line: read as the 33 fields of the standard log");
        }
        const auto v = split(line, '\t');
        if (v.size() != slots.size()) {
            ctx.sink.reject(lineNo, RejectKind::Layout,
                            "expected " + std::to_string(slots.size()) + " tab-separated fields, "
                                    + "found " + std::to_string(v.size()),
                            line);
            return;
        }
        Event e;
        e.line = lineNo;
        e.category = "web";
        e.action = "http_request";
        LabelsBuilder labels;
        std::string_view date, time, query, distribution;
        std::string bad;
        for (size_t i = 0; i < v.size(); ++i) {
            const std::string_view s = v[i];
            if (s == "-" || s.empty())
                continue;
            std::int64_t n = 0;
            switch (slots[i]) {
            case F::Date:
                date = s;
                break;
            case F::Time:
                time = s;
                break;
            case F::ClientIp:
                if (!normaliseIp(s, e.sourceIp))
                    bad = "c-ip is not an address";
                break;
            case F::ClientPort:
                if (number(s, n) && n <= 65535)
                    e.sourcePort = std::int32_t(n);
                break;
            case F::Method:
                e.httpMethod = s;
                break;
            case F::UriStem:
                e.urlPath = s;
                break;
            case F::UriQuery:
                query = s;
                break;
            case F::Status:
                if (number(s, n) && n > 0 && n < 1000) // 000: the viewer closed the connection
                    e.statusCode = std::int32_t(n);
                break;
            case F::Referer:
                labels.add("http_referrer", percentDecoded(s));
                break;
            case F::UserAgent:
                e.userAgent = decodedAgent(s);
                break;
            case F::HostHeader:
                e.destinationDomain = s;
                break;
            case F::DistributionHost:
                distribution = s;
                break;
            case F::ScBytes:
                if (number(s, n))
                    e.destinationBytes = n;
                break;
            case F::CsBytes:
                if (number(s, n))
                    e.sourceBytes = n;
                break;
            case F::TimeTaken: {
                double d = 0;
                const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
                if (ec == std::errc() && end == s.data() + s.size() && d >= 0 && d < 1e7)
                    e.durationUs = std::int64_t(d * 1e6 + 0.5);
                break;
            }
            case F::ForwardedFor: {
                // The viewer's own address when it came through a proxy: the first entry.
                std::string_view first = s.substr(0, s.find(','));
                while (!first.empty() && first.back() == ' ')
                    first.remove_suffix(1);
                std::string ip;
                if (normaliseIp(first, ip) && ip != e.sourceIp)
                    e.clientIp = ip;
                labels.add("x_forwarded_for", s);
                break;
            }
            case F::Other:
                labels.add(labelKey(names[i]), s);
                break;
            }
        }
        if (!bad.empty()) {
            ctx.sink.reject(lineNo, RejectKind::BadValue, bad, line);
            return;
        }
        if (date.empty() || time.empty()) {
            ctx.sink.reject(lineNo, RejectKind::NoTime, "no date or time", line);
            return;
        }
        const auto ts = parseIso(std::string(date) + "T" + std::string(time) + "Z");
        if (!ts) {
            ctx.sink.reject(lineNo, RejectKind::BadTime,
                            "bad date or time (expected YYYY-MM-DD and HH:MM:SS)", line);
            return;
        }
        e.timestampUs = *ts;
        e.tzOffsetMin = 0;
        if (!query.empty())
            e.urlPath += "?" + std::string(query);
        if (e.destinationDomain.empty())
            e.destinationDomain = distribution;
        else
            labels.add("distribution_domain", distribution);
        if (e.statusCode > 0)
            e.outcome = e.statusCode >= 400 ? Outcome::Failure : Outcome::Success;
        e.labels = labels.take();
        utf8::repair(e);
        ctx.sink.event(std::move(e), line);
    });
}

} // namespace netcase
