#include "syslogline.h"

#include "core/timeutil.h"

namespace netcase {

namespace {

bool twoDigits(std::string_view s, size_t p, int &v)
{
    if (p + 2 > s.size() || s[p] < '0' || s[p] > '9' || s[p + 1] < '0' || s[p + 1] > '9')
        return false;
    v = (s[p] - '0') * 10 + (s[p + 1] - '0');
    return true;
}

/// Next space-delimited token; advances p past it and one following space.
std::string_view token(std::string_view s, size_t &p)
{
    const size_t start = p;
    while (p < s.size() && s[p] != ' ')
        ++p;
    const std::string_view t = s.substr(start, p - start);
    if (p < s.size())
        ++p;
    return t;
}

bool parsePriority(std::string_view s, size_t &p, int &pri)
{
    if (p >= s.size() || s[p] != '<')
        return true;
    size_t q = p + 1;
    int v = 0;
    while (q < s.size() && q < p + 5 && s[q] >= '0' && s[q] <= '9')
        v = v * 10 + (s[q++] - '0');
    if (q == p + 1 || q >= s.size() || s[q] != '>' || v > 191)
        return false;
    pri = v;
    p = q + 1;
    return true;
}

/// The structured data of RFC 5424: "-" or one or more "[id k="v" ...]" with \] escapes.
bool structuredData(std::string_view s, size_t &p, std::string_view &sd)
{
    if (p < s.size() && s[p] == '-') {
        ++p;
        sd = {};
        return true;
    }
    const size_t start = p;
    while (p < s.size() && s[p] == '[') {
        bool inQuote = false;
        ++p;
        while (p < s.size()) {
            const char c = s[p];
            if (c == '\\' && inQuote && p + 1 < s.size()) {
                p += 2;
                continue;
            }
            if (c == '"')
                inQuote = !inQuote;
            else if (c == ']' && !inQuote)
                break;
            ++p;
        }
        if (p >= s.size())
            return false;
        ++p; // ']'
    }
    if (p == start)
        return false;
    sd = s.substr(start, p - start);
    return true;
}

std::string_view nilToEmpty(std::string_view v)
{
    return v == "-" ? std::string_view() : v;
}

bool parse5424(std::string_view s, size_t p, SyslogLine &out, RejectReason &reason)
{
    out.kind = SyslogLine::Kind::Rfc5424;
    const std::string_view ts = token(s, p);
    if (ts == "-") {
        reason = {RejectKind::NoTime, "RFC 5424 record without a timestamp"};
        return false;
    }
    const auto t = parseIso(ts, &out.offsetMin);
    if (!t) {
        reason = {RejectKind::BadTime, "RFC 5424 timestamp not understood"};
        return false;
    }
    out.utcUs = *t;
    out.host = nilToEmpty(token(s, p));
    out.program = nilToEmpty(token(s, p));
    out.pid = nilToEmpty(token(s, p));
    out.msgId = nilToEmpty(token(s, p));
    if (!structuredData(s, p, out.structuredData)) {
        reason = {RejectKind::Syntax, "RFC 5424 structured data not closed"};
        return false;
    }
    if (p < s.size() && s[p] == ' ')
        ++p;
    std::string_view msg = p < s.size() ? s.substr(p) : std::string_view();
    if (msg.size() >= 3 && msg.substr(0, 3) == "\xEF\xBB\xBF")
        msg.remove_prefix(3); // the BOM that marks a UTF-8 MSG
    out.message = msg;
    return true;
}

} // namespace

bool splitTag(std::string_view text,
              std::string_view &program,
              std::string_view &pid,
              std::string_view &message)
{
    // A tag is short and has no spaces: "sshd[123]:" or "CRON:" or "kernel:".
    size_t i = 0;
    const size_t limit = std::min<size_t>(text.size(), 64);
    while (i < limit && text[i] != ':' && text[i] != '[' && text[i] != ' ')
        ++i;
    if (i == 0 || i >= limit) {
        message = text;
        return false;
    }
    program = text.substr(0, i);
    pid = {};
    if (text[i] == '[') {
        const size_t close = text.find(']', i);
        if (close == std::string_view::npos || close > limit) {
            message = text;
            program = {};
            return false;
        }
        pid = text.substr(i + 1, close - i - 1);
        i = close + 1;
    }
    if (i >= text.size() || text[i] != ':') {
        message = text;
        program = pid = {};
        return false;
    }
    ++i;
    if (i < text.size() && text[i] == ' ')
        ++i;
    message = text.substr(i);
    return true;
}

bool parseSyslogLine(std::string_view s, SyslogLine &out, RejectReason &reason)
{
    out = SyslogLine();
    size_t p = 0;
    if (!parsePriority(s, p, out.priority)) {
        reason = {RejectKind::Syntax, "malformed <priority>"};
        return false;
    }
    if (out.priority >= 0 && p + 2 <= s.size() && s[p] == '1' && s[p + 1] == ' ')
        return parse5424(s, p + 2, out, reason);

    if (p + 15 <= s.size() && s[p] >= '0' && s[p] <= '9') {
        // RFC 3339 stamp.
        size_t q = p;
        const std::string_view ts = token(s, q);
        const auto t = parseIso(ts, &out.offsetMin);
        if (!t || ts.size() < 19) {
            reason = {RejectKind::BadTime, "timestamp not understood"};
            return false;
        }
        out.kind = SyslogLine::Kind::Iso;
        out.utcUs = *t;
        p = q;
    } else {
        // "Mmm dd hh:mm:ss": the day is space-padded ("Dec  1").
        if (p + 15 > s.size()) {
            reason = {RejectKind::Syntax, "too short for a syslog line"};
            return false;
        }
        out.month = monthFromAbbrev(s.substr(p, 3));
        if (out.month == 0 || s[p + 3] != ' ') {
            reason = {RejectKind::NoTime, "no syslog timestamp (expected 'Mmm dd hh:mm:ss')"};
            return false;
        }
        size_t q = p + 4;
        if (s[q] == ' ')
            ++q;
        int day = 0;
        if (q < s.size() && s[q] >= '0' && s[q] <= '9')
            day = s[q++] - '0';
        if (q < s.size() && s[q] >= '0' && s[q] <= '9')
            day = day * 10 + (s[q++] - '0');
        if (day < 1 || day > 31 || q >= s.size() || s[q] != ' ') {
            reason = {RejectKind::BadTime, "invalid day in syslog timestamp"};
            return false;
        }
        ++q;
        if (!twoDigits(s, q, out.hour) || q + 8 > s.size() || s[q + 2] != ':'
            || !twoDigits(s, q + 3, out.minute) || s[q + 5] != ':'
            || !twoDigits(s, q + 6, out.second) || out.hour > 23 || out.minute > 59
            || out.second > 60) {
            reason = {RejectKind::BadTime, "invalid time in syslog timestamp"};
            return false;
        }
        q += 8;
        if (q < s.size() && s[q] == '.') {
            int scale = 100000;
            ++q;
            while (q < s.size() && s[q] >= '0' && s[q] <= '9') {
                out.micros += (s[q] - '0') * scale;
                scale /= 10;
                ++q;
            }
        }
        out.day = day;
        if (q < s.size() && s[q] != ' ') {
            reason = {RejectKind::Syntax, "unexpected text after the syslog timestamp"};
            return false;
        }
        p = q + 1;
    }
    if (p >= s.size()) {
        reason = {RejectKind::Syntax, "syslog line without a host or message"};
        return false;
    }
    out.host = token(s, p);
    const std::string_view rest
            = p <= s.size() ? s.substr(std::min(p, s.size())) : std::string_view();
    splitTag(rest, out.program, out.pid, out.message);
    return true;
}

} // namespace netcase
