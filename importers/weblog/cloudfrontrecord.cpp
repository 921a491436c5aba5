#include "cloudfrontrecord.h"

#include "api/importer.h"
#include "api/labelsbuilder.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <QByteArray>

#include <charconv>

namespace netcase {

namespace {

std::vector<std::string_view> splitAt(std::string_view line, char sep)
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

std::vector<std::string_view> wordsOf(std::string_view s)
{
    std::vector<std::string_view> out;
    for (std::string_view w : splitAt(s, ' '))
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

/// "1605051545.123": epoch seconds with up to six decimals.
bool epochUs(std::string_view s, std::int64_t &us)
{
    const size_t dot = s.find('.');
    std::int64_t whole = 0;
    const std::string_view w = s.substr(0, dot);
    const auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), whole);
    if (ec != std::errc() || end != w.data() + w.size() || whole < 0 || whole > 32503680000)
        return false;
    std::int64_t frac = 0, scale = 100000;
    if (dot != std::string_view::npos) {
        if (dot + 1 == s.size() || s.size() - dot - 1 > 6)
            return false;
        for (size_t i = dot + 1; i < s.size(); ++i, scale /= 10) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            frac += (s[i] - '0') * scale;
        }
    }
    us = whole * 1000000 + frac;
    return true;
}

} // namespace

std::vector<std::string_view> cfSplit(std::string_view line, char sep)
{
    return splitAt(line, sep);
}

std::vector<std::string_view> cfWords(std::string_view s)
{
    return wordsOf(s);
}

void CfLayout::use(const std::vector<std::string_view> &list,
                   const std::unordered_map<std::string_view, CfField> &table)
{
    names.clear();
    slots.clear();
    for (std::string_view n : list) {
        names.emplace_back(n);
        const auto it = table.find(n);
        slots.push_back(it == table.end() ? CfField::Other : it->second);
    }
}

RejectReason
mapCloudFrontRecord(const CfLayout &layout, const std::vector<std::string_view> &v, Event &e)
{
    const std::vector<CfField> &slots = layout.slots;
    const std::vector<std::string> &names = layout.names;
    e.category = "web";
    e.action = "http_request";
    LabelsBuilder labels;
    std::string_view date, time, query, distribution;
    std::int64_t stampUs = -1;
    std::string_view stampText;
    std::string bad;
    for (size_t i = 0; i < v.size(); ++i) {
        const std::string_view s = v[i];
        if (s == "-" || s.empty())
            continue;
        std::int64_t n = 0;
        switch (slots[i]) {
        case CfField::Date:
            date = s;
            break;
        case CfField::Time:
            time = s;
            break;
        case CfField::Timestamp:
            stampText = s;
            break;
        case CfField::ClientIp:
            if (!normaliseIp(s, e.sourceIp))
                bad = "c-ip is not an address";
            break;
        case CfField::ClientPort:
            if (number(s, n) && n <= 65535)
                e.sourcePort = std::int32_t(n);
            break;
        case CfField::Method:
            e.httpMethod = s;
            break;
        case CfField::UriStem:
            e.urlPath = s;
            break;
        case CfField::UriQuery:
            query = s;
            break;
        case CfField::Status:
            if (number(s, n) && n > 0 && n < 1000) // 000: the viewer closed the connection
                e.statusCode = std::int32_t(n);
            break;
        case CfField::Referer:
            labels.add("http_referrer", percentDecoded(s));
            break;
        case CfField::UserAgent:
            e.userAgent = decodedAgent(s);
            break;
        case CfField::HostHeader:
            e.destinationDomain = s;
            break;
        case CfField::DistributionHost:
            distribution = s;
            break;
        case CfField::ScBytes:
            if (number(s, n))
                e.destinationBytes = n;
            break;
        case CfField::CsBytes:
            if (number(s, n))
                e.sourceBytes = n;
            break;
        case CfField::TimeTaken: {
            double d = 0;
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
            if (ec == std::errc() && end == s.data() + s.size() && d >= 0 && d < 1e7)
                e.durationUs = std::int64_t(d * 1e6 + 0.5);
            break;
        }
        case CfField::ForwardedFor: {
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
        case CfField::Other:
            labels.add(labelKey(names[i]), s);
            break;
        }
    }
    if (!bad.empty())
        return {RejectKind::BadValue, bad};
    if (!stampText.empty()) {
        if (!epochUs(stampText, stampUs))
            return {RejectKind::BadTime,
                    "bad timestamp (expected epoch seconds like 1605051545.123)"};
        e.timestampUs = stampUs;
    } else {
        if (date.empty() || time.empty())
            return {RejectKind::NoTime, "no date or time"};
        const auto ts = parseIso(std::string(date) + "T" + std::string(time) + "Z");
        if (!ts)
            return {RejectKind::BadTime, "bad date or time (expected YYYY-MM-DD and HH:MM:SS)"};
        e.timestampUs = *ts;
    }
    e.tzOffsetMin = 0;
    // The real-time log's cs-uri-stem already holds the query string.
    if (!query.empty() && e.urlPath.find('?') == std::string::npos)
        e.urlPath += "?" + std::string(query);
    if (e.destinationDomain.empty())
        e.destinationDomain = distribution;
    else
        labels.add("distribution_domain", distribution);
    if (e.statusCode > 0)
        e.outcome = e.statusCode >= 400 ? Outcome::Failure : Outcome::Success;
    e.labels = labels.take();
    utf8::repair(e);
    return {};
}

void readCloudFrontLine(ParseContext &ctx,
                        const CfLayout &layout,
                        std::string_view line,
                        std::int64_t lineNo,
                        std::string_view countHint)
{
    const auto v = cfSplit(line, '\t');
    if (v.size() != layout.slots.size()) {
        ctx.sink.reject(lineNo, RejectKind::Layout,
                        "expected " + std::to_string(layout.slots.size())
                                + " tab-separated fields, found " + std::to_string(v.size())
                                + std::string(countHint),
                        line);
        return;
    }
    Event e;
    e.line = lineNo;
    if (const RejectReason why = mapCloudFrontRecord(layout, v, e); !why.empty()) {
        ctx.sink.reject(lineNo, why, line);
        return;
    }
    ctx.sink.event(std::move(e), line);
}

} // namespace netcase
