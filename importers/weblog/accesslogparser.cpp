#include "accesslogparser.h"

#include "api/labelsbuilder.h"
#include "core/ipaddr.h"
#include "core/textscan.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <charconv>

namespace netcase {

namespace {

struct Cursor
{
    std::string_view s;
    size_t p = 0;

    bool atEnd() const { return p >= s.size(); }
    void skipSpaces()
    {
        while (p < s.size() && s[p] == ' ')
            ++p;
    }
    std::string_view token()
    {
        const size_t b = p;
        while (p < s.size() && s[p] != ' ')
            ++p;
        return s.substr(b, p - b);
    }
};

/// Reads a "quoted" field honouring \" and \\ escapes; unescaped text is appended to out.
bool quoted(Cursor &c, std::string &out)
{
    out.clear();
    if (c.atEnd() || c.s[c.p] != '"')
        return false;
    ++c.p;
    const size_t start = c.p;
    const size_t n = c.s.size();
    bool escaped = false;
    // One pass for the closing quote and any backslash before it.
    for (;;) {
        const size_t f = c.p < n ? scan::findEither(c.s, c.p, '"', '\\') : n;
        if (f == n) {
            c.p = n;
            return false;
        }
        if (c.s[f] == '\\') {
            escaped = true; // \x: x is literal, even a quote; continue after it
            c.p = f + 2;
            continue;
        }
        c.p = f;
        // A quote ends the field only when followed by a space or the end of the line, so
        // that a stray unescaped quote inside a user agent does not break the line.
        if (f + 1 == n || c.s[f + 1] == ' ')
            break;
        ++c.p;
    }
    std::string_view raw = c.s.substr(start, c.p - start);
    ++c.p;
    if (!escaped) {
        out.assign(raw);
        return true;
    }
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && (raw[i + 1] == '"' || raw[i + 1] == '\\')) {
            out += raw[++i];
        } else {
            out += raw[i];
        }
    }
    return true;
}

int two(std::string_view s, size_t i)
{
    return (s[i] - '0') * 10 + (s[i + 1] - '0');
}

bool isDigits(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

/// [10/Oct/2000:13:55:36 -0700] (the brackets already removed)
bool parseClfTime(std::string_view t, Event &e)
{
    // dd/Mon/yyyy:HH:MM:SS +zzzz  -> 26 chars (fractions such as :36.123 are tolerated)
    if (t.size() < 26 || t[2] != '/' || t[6] != '/' || t[11] != ':')
        return false;
    if (!isDigits(t.substr(0, 2)) || !isDigits(t.substr(7, 4)) || !isDigits(t.substr(12, 2))
        || !isDigits(t.substr(15, 2)) || !isDigits(t.substr(18, 2)))
        return false;
    const int day = two(t, 0);
    const int month = monthFromAbbrev(t.substr(3, 3));
    const int year = two(t, 7) * 100 + two(t, 9);
    const int h = two(t, 12), m = two(t, 15), sec = two(t, 18);
    if (!month || day < 1 || day > 31 || h > 23 || m > 59 || sec > 60)
        return false;
    size_t p = 20;
    int micros = 0;
    if (t[p] == '.') {
        int scale = 100000;
        for (++p; p < t.size() && t[p] >= '0' && t[p] <= '9'; ++p) {
            micros += (t[p] - '0') * scale;
            scale /= 10;
        }
    }
    if (p + 6 != t.size() || t[p] != ' ' || (t[p + 1] != '+' && t[p + 1] != '-')
        || !isDigits(t.substr(p + 2, 4)))
        return false;
    const int offset = (t[p + 1] == '-' ? -1 : 1) * (two(t, p + 2) * 60 + two(t, p + 4));
    e.tzOffsetMin = std::int16_t(offset);
    e.timestampUs
            = toEpochUs(year, month, day, h, m, sec, micros) - std::int64_t(offset) * 60 * 1000000;
    return true;
}

/// Names the raw form of the line ("ab1.1": combined, HTTP/1.1) in res.
void nameRawForm(AccessLogResult &res, std::string_view version)
{
    if (version.empty() || version.size() > res.form.size() - 2)
        return;
    res.form[0] = 'a';
    res.form[1] = res.variant == AccessLogVariant::Common     ? 'c'
                  : res.variant == AccessLogVariant::Combined ? 'b'
                                                              : 'h';
    version.copy(res.form.data() + 2, version.size());
    res.formSize = version.size() + 2;
}

} // namespace

std::string_view splitHttpRequest(const std::string &r, Event &e)
{
    const size_t sp1 = r.find(' ');
    const size_t sp2 = sp1 == std::string::npos ? std::string::npos : r.rfind(' ');
    bool methodOk = sp1 != std::string::npos && sp1 > 0 && sp1 <= 16;
    for (size_t i = 0; methodOk && i < sp1; ++i)
        methodOk = (r[i] >= 'A' && r[i] <= 'Z') || r[i] == '-' || r[i] == '_';
    if (methodOk && sp2 > sp1 && r.compare(sp2 + 1, 5, "HTTP/") == 0) {
        e.httpMethod.assign(r, 0, sp1);
        e.urlPath.assign(r, sp1 + 1, sp2 - sp1 - 1);
        return std::string_view(r).substr(sp2 + 6);
    }
    if (methodOk && sp2 == sp1) { // HTTP/0.9 style "GET /"
        e.httpMethod.assign(r, 0, sp1);
        e.urlPath.assign(r, sp1 + 1);
        return {};
    }
    if (r == "-" || r.empty())
        return {};
    // Not an HTTP request line: escape for JSON (invalid UTF-8 becomes U+FFFD) and keep it.
    e.labels = "{\"malformed_request\":\"";
    appendJsonEscaped(e.labels, r);
    e.labels += "\"}";
    e.action = "http_malformed_request";
    return {};
}

AccessLogResult parseAccessLogLine(std::string_view line, Event &e)
{
    AccessLogResult res;
    Cursor c{line};
    c.skipSpaces();
    // Tokens before the [time]: "h l u" (common/combined) or "v:p h l u" (vhost_combined).
    std::string_view tokens[5];
    int n = 0;
    while (!c.atEnd() && c.s[c.p] != '[') {
        if (n == 5) {
            res.reason = {RejectKind::Layout, "too many fields before the timestamp"};
            return res;
        }
        tokens[n++] = c.token();
        c.skipSpaces();
    }
    if (c.atEnd()) {
        res.reason = {RejectKind::NoTime, "no [timestamp] field"};
        return res;
    }
    std::string_view host;
    if (n == 3) {
        host = tokens[0];
        e.userName.assign(tokens[2] == "-" ? std::string_view() : tokens[2]);
    } else if (n == 4) {
        res.variant = AccessLogVariant::VhostCombined;
        std::string_view vhost = tokens[0];
        if (const size_t colon = vhost.rfind(':');
            colon != std::string_view::npos && isDigits(vhost.substr(colon + 1))) {
            int port = 0;
            std::from_chars(vhost.data() + colon + 1, vhost.data() + vhost.size(), port);
            e.destinationPort = port;
            vhost = vhost.substr(0, colon);
        }
        e.destinationDomain.assign(vhost);
        host = tokens[1];
        e.userName.assign(tokens[3] == "-" ? std::string_view() : tokens[3]);
    } else {
        res.reason = {RejectKind::Layout, "expected 3 (common/combined) or 4 (vhost_combined) "
                                          "fields before the timestamp"};
        return res;
    }
    if (!normaliseIp(host, e.sourceIp)) {
        if (host.empty() || host == "-") {
            res.reason = {RejectKind::BadValue, "empty client address"};
            return res;
        }
        e.sourceDomain.assign(host);
    }
    const size_t close = line.find(']', c.p);
    if (close == std::string_view::npos
        || !parseClfTime(line.substr(c.p + 1, close - c.p - 1), e)) {
        res.reason = {RejectKind::BadTime, "bad timestamp (expected [dd/Mon/yyyy:HH:MM:SS +zzzz])"};
        return res;
    }
    c.p = close + 1;
    c.skipSpaces();
    // Scratch text reused from line to line (a fresh string per field cost an allocation each).
    thread_local std::string field, referer, extra;
    if (!quoted(c, field)) {
        res.reason = {RejectKind::Syntax, "missing quoted request"};
        return res;
    }
    e.category = "web";
    e.action = "http_request";
    const std::string_view version = splitHttpRequest(field, e);
    c.skipSpaces();
    const std::string_view status = c.token();
    if (status.size() != 3 || !isDigits(status)) {
        res.reason = {RejectKind::BadValue, "bad status code"};
        return res;
    }
    e.statusCode = (status[0] - '0') * 100 + (status[1] - '0') * 10 + (status[2] - '0');
    e.outcome = e.statusCode >= 400 ? Outcome::Failure : Outcome::Success;
    c.skipSpaces();
    const std::string_view bytes = c.token();
    if (bytes != "-") {
        if (!isDigits(bytes)) {
            res.reason = {RejectKind::BadValue, "bad byte count"};
            return res;
        }
        std::from_chars(bytes.data(), bytes.data() + bytes.size(), e.bodyBytes);
    }
    c.skipSpaces();
    if (c.atEnd()) {
        if (res.variant != AccessLogVariant::VhostCombined)
            res.variant = AccessLogVariant::Common;
        if (!utf8::isAscii(line))
            utf8::repair(e);
        nameRawForm(res, version);
        res.ok = true;
        return res;
    }
    if (!quoted(c, referer)) {
        res.reason = {RejectKind::Syntax, "bad referer field"};
        return res;
    }
    c.skipSpaces();
    if (!quoted(c, e.userAgent)) {
        res.reason = {RejectKind::Syntax, "bad user agent field"};
        return res;
    }
    if (e.userAgent == "-")
        e.userAgent.clear();
    if (res.variant != AccessLogVariant::VhostCombined)
        res.variant = AccessLogVariant::Combined;
    // Optional trailing quoted fields: the first one holding addresses is X-Forwarded-For.
    c.skipSpaces();
    while (!c.atEnd() && quoted(c, extra)) {
        c.skipSpaces();
        if (e.clientIp.empty() && extra != "-") {
            const size_t comma = extra.find(',');
            std::string_view first = std::string_view(extra).substr(0, comma);
            while (!first.empty() && first.front() == ' ')
                first.remove_prefix(1);
            while (!first.empty() && first.back() == ' ')
                first.remove_suffix(1);
            std::string ip;
            if (normaliseIp(first, ip) && ip != e.sourceIp)
                e.clientIp = std::move(ip);
        }
    }
    if (!referer.empty() && referer != "-" && e.labels.empty()) {
        e.labels = "{\"http_referrer\":\"";
        appendJsonEscaped(e.labels, referer);
        e.labels += "\"}";
    }
    // Clients send any bytes they like (user agents, paths, user names): every text field leaves
    // the parser as valid UTF-8, bad bytes replaced by U+FFFD, so JSON output never breaks.
    // Every field comes from the line: when it is all ASCII (nearly always), so are they.
    if (!utf8::isAscii(line))
        utf8::repair(e);
    nameRawForm(res, version);
    res.ok = true;
    return res;
}

} // namespace netcase
