#include "errorlogline.h"

#include "core/ipaddr.h"
#include "core/timeutil.h"

#include <charconv>

namespace netcase {

namespace {

bool digits(std::string_view s, size_t at, size_t n, int &v)
{
    if (at + n > s.size())
        return false;
    v = 0;
    for (size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    return true;
}

/// "hh:mm:ss" at s[at], then an optional ".f" fraction (up to microseconds); advances at.
bool clock(std::string_view s, size_t &at, ErrorLogLine &o)
{
    if (!digits(s, at, 2, o.hour) || at + 8 > s.size() || s[at + 2] != ':'
        || !digits(s, at + 3, 2, o.minute) || s[at + 5] != ':' || !digits(s, at + 6, 2, o.second))
        return false;
    at += 8;
    if (at < s.size() && s[at] == '.') {
        int scale = 100000;
        ++at;
        while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
            o.micros += (s[at] - '0') * scale;
            scale /= 10;
            ++at;
        }
    }
    return o.hour < 24 && o.minute < 60 && o.second < 61;
}

bool validDate(const ErrorLogLine &o)
{
    return o.month >= 1 && o.month <= 12 && o.day >= 1 && o.day <= 31;
}

/// The inside of Apache's first [...]: "Wed Oct 11 14:32:52.123456 2023" (year optional) or
/// "2023-10-11 14:32:52.123456".
bool apacheStamp(std::string_view t, ErrorLogLine &o)
{
    size_t at = 0;
    if (digits(t, 0, 4, o.year) && t.size() > 10 && t[4] == '-' && t[7] == '-') {
        if (!digits(t, 5, 2, o.month) || !digits(t, 8, 2, o.day) || t[10] != ' ')
            return false;
        at = 11;
        return clock(t, at, o) && at == t.size() && validDate(o);
    }
    o.year = 0;
    if (t.size() < 15 || t[3] != ' ')
        return false;
    o.month = monthFromAbbrev(t.substr(4, 3));
    at = 7;
    while (at < t.size() && t[at] == ' ')
        ++at;
    const size_t dayStart = at;
    while (at < t.size() && t[at] >= '0' && t[at] <= '9')
        ++at;
    if (at - dayStart < 1 || at - dayStart > 2 || !digits(t, dayStart, at - dayStart, o.day)
        || at >= t.size() || t[at] != ' ')
        return false;
    ++at;
    if (!clock(t, at, o))
        return false;
    if (at < t.size()) {
        if (t[at] != ' ' || !digits(t, at + 1, 4, o.year) || at + 5 != t.size())
            return false;
    }
    return validDate(o);
}

/// The next "[...]" at s[at] (after spaces); advances past it.
bool bracket(std::string_view s, size_t &at, std::string_view &inside)
{
    while (at < s.size() && s[at] == ' ')
        ++at;
    if (at >= s.size() || s[at] != '[')
        return false;
    const size_t close = s.find(']', at);
    if (close == std::string_view::npos)
        return false;
    inside = s.substr(at + 1, close - at - 1);
    at = close + 1;
    return true;
}

bool isLevel(std::string_view l)
{
    for (std::string_view k :
         {"emerg", "alert", "crit", "error", "warn", "notice", "info", "debug"})
        if (l == k)
            return true;
    return l.starts_with("trace") && l.size() == 6; // trace1..trace8
}

bool parseApache(std::string_view s, ErrorLogLine &o, RejectReason &why)
{
    size_t at = 0;
    std::string_view part;
    if (!bracket(s, at, part) || !apacheStamp(part, o)) {
        why = {RejectKind::BadTime, "no Apache error log time stamp"};
        return false;
    }
    if (!bracket(s, at, part)) {
        why = {RejectKind::Layout, "no [level] after the time stamp"};
        return false;
    }
    const size_t colon = part.rfind(':');
    o.level = colon == std::string_view::npos ? part : part.substr(colon + 1);
    if (colon != std::string_view::npos)
        o.module = part.substr(0, colon);
    if (!isLevel(o.level)) {
        why = {RejectKind::BadValue, "unknown log level"};
        return false;
    }
    size_t save = at;
    if (bracket(s, at, part) && part.starts_with("pid ")) {
        part.remove_prefix(4);
        const size_t t = part.find(":tid ");
        o.pid = part.substr(0, t);
        if (t != std::string_view::npos)
            o.tid = part.substr(t + 5);
        save = at;
    }
    at = save;
    while (at < s.size() && s[at] == ' ')
        ++at;
    std::string_view rest = s.substr(at);
    // 2.4 writes the APR error "(13)Permission denied: " before the client.
    size_t client = rest.starts_with("[client ") ? 0 : std::string_view::npos;
    if (client == std::string_view::npos && rest.starts_with("(")) {
        const size_t c = rest.find(": [client ");
        if (c != std::string_view::npos && c < 160) {
            o.errorStatus = rest.substr(0, c);
            client = c + 2;
        }
    }
    if (client != std::string_view::npos) {
        const size_t close = rest.find(']', client);
        if (close != std::string_view::npos) {
            o.client = rest.substr(client + 8, close - client - 8);
            o.clientHasPort = !o.module.empty() || !o.pid.empty();
            rest.remove_prefix(close + 1);
            while (!rest.empty() && rest.front() == ' ')
                rest.remove_prefix(1);
        }
    }
    o.message = rest;
    return true;
}

/// A quoted or plain value of Nginx's trailing list, starting at s[at]; advances past it.
std::string nginxValue(std::string_view s, size_t &at)
{
    if (at < s.size() && s[at] == '"') {
        // The closing quote is the one before ", key: " or the end of the line.
        size_t q = at + 1;
        for (;;) {
            q = s.find('"', q);
            if (q == std::string_view::npos) {
                std::string v(s.substr(at + 1));
                at = s.size();
                return v;
            }
            if (q + 1 == s.size() || (s.substr(q + 1, 2) == ", " && s.find(": ", q) != s.npos))
                break;
            ++q;
        }
        std::string v(s.substr(at + 1, q - at - 1));
        at = q + 1;
        return v;
    }
    const size_t end = s.find(", ", at);
    std::string v(s.substr(at, end == std::string_view::npos ? s.npos : end - at));
    at = end == std::string_view::npos ? s.size() : end;
    return v;
}

bool parseNginx(std::string_view s, ErrorLogLine &o, RejectReason &why)
{
    size_t at = 10;
    if (s.size() < 20 || !digits(s, 0, 4, o.year) || s[4] != '/' || !digits(s, 5, 2, o.month)
        || s[7] != '/' || !digits(s, 8, 2, o.day) || s[10] != ' ' || !clock(s, ++at, o)
        || !validDate(o)) {
        why = {RejectKind::BadTime, "no Nginx error log time stamp"};
        return false;
    }
    std::string_view level;
    if (!bracket(s, at, level) || !isLevel(level)) {
        why = {RejectKind::Layout, "no [level] after the time stamp"};
        return false;
    }
    o.level = level;
    while (at < s.size() && s[at] == ' ')
        ++at;
    const size_t hash = s.find('#', at);
    const size_t colon = s.find(": ", at);
    if (hash == std::string_view::npos || colon == std::string_view::npos || hash > colon) {
        why = {RejectKind::Layout, "no pid#tid after the level"};
        return false;
    }
    o.pid = s.substr(at, hash - at);
    o.tid = s.substr(hash + 1, colon - hash - 1);
    at = colon + 2;
    if (at < s.size() && s[at] == '*') {
        const size_t sp = s.find(' ', at);
        o.connection = s.substr(at + 1, sp == std::string_view::npos ? s.npos : sp - at - 1);
        at = sp == std::string_view::npos ? s.size() : sp + 1;
    }
    std::string_view msg = s.substr(at);
    const size_t tail = msg.find(", client: ");
    if (tail == std::string_view::npos) {
        o.message = msg;
        return true;
    }
    o.message = msg.substr(0, tail);
    size_t p = tail + 10;
    {
        const size_t end = msg.find(", ", p);
        o.client = msg.substr(p, end == std::string_view::npos ? msg.npos : end - p);
        p = end == std::string_view::npos ? msg.size() : end;
    }
    while (p + 2 < msg.size() && msg.substr(p, 2) == ", ") {
        p += 2;
        const size_t c = msg.find(": ", p);
        if (c == std::string_view::npos)
            break;
        const std::string_view key = msg.substr(p, c - p);
        p = c + 2;
        std::string v = nginxValue(msg, p);
        if (key == "server")
            o.server = std::move(v);
        else if (key == "request")
            o.request = std::move(v);
        else if (key == "upstream")
            o.upstream = std::move(v);
        else if (key == "host")
            o.host = std::move(v);
        else if (key == "referrer")
            o.referrer = std::move(v);
    }
    return true;
}

} // namespace

bool parseErrorLogLine(std::string_view line, ErrorLogLine &out, RejectReason &why)
{
    out = {};
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (!line.empty() && line.front() == '[') {
        out.kind = ErrorLogLine::Kind::Apache;
        return parseApache(line, out, why);
    }
    if (line.size() > 4 && line[4] == '/') {
        out.kind = ErrorLogLine::Kind::Nginx;
        return parseNginx(line, out, why);
    }
    why = {RejectKind::Syntax, "not an Apache or Nginx error log line"};
    return false;
}

bool splitClient(std::string_view client, bool hasPort, std::string &ip, int &port)
{
    port = -1;
    if (!hasPort && normaliseIp(client, ip))
        return true;
    std::string_view addr = client;
    const size_t colon = client.rfind(':');
    if (colon == std::string_view::npos)
        return normaliseIp(client, ip);
    addr = client.substr(0, colon);
    if (addr.size() > 2 && addr.front() == '[' && addr.back() == ']')
        addr = addr.substr(1, addr.size() - 2);
    int p = 0;
    const std::string_view ps = client.substr(colon + 1);
    const auto [end, ec] = std::from_chars(ps.data(), ps.data() + ps.size(), p);
    if (ec != std::errc() || end != ps.data() + ps.size() || p < 0 || p > 65535
        || !normaliseIp(addr, ip))
        return normaliseIp(client, ip); // 2.4 without a port after all
    port = p;
    return true;
}

} // namespace netcase
