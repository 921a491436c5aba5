#include "rawform.h"

#include "core/textscan.h"
#include "core/timeutil.h"

#include <charconv>
#include <cstdint>
#include <cstring>

namespace netcase::rawform {

namespace {

// One template writes a record for two kinds of output: text (reading a record back) and a
// comparison with the original (the import's check, which stops at the first difference and
// builds no string). Both run the same code, so what the check accepted is what a reader gets.

struct Text
{
    std::string &out;
    bool put(std::string_view s)
    {
        out += s;
        return true;
    }
    bool put(char c)
    {
        out += c;
        return true;
    }
    bool done() const { return true; }
};

/// Equal first and last sizeof(Word) bytes of a and b (n >= sizeof(Word), overlapping when short).
template<typename Word>
[[gnu::always_inline]] inline bool sameEnds(const char *a, const char *b, size_t n)
{
    Word x, y, u, v;
    std::memcpy(&x, a, sizeof x);
    std::memcpy(&y, b, sizeof y);
    std::memcpy(&u, a + n - sizeof u, sizeof u);
    std::memcpy(&v, b + n - sizeof v, sizeof v);
    return ((x ^ y) | (u ^ v)) == 0;
}

/// Equal n bytes at a and b, for n up to 16, without a call: a piece of a line is mostly a few
/// bytes, and calling memcmp for each cost more than the comparison.
[[gnu::always_inline]] inline bool sameShort(const char *a, const char *b, size_t n)
{
    if (n >= 8)
        return sameEnds<std::uint64_t>(a, b, n);
    if (n >= 4)
        return sameEnds<std::uint32_t>(a, b, n);
    for (size_t i = 0; i < n; ++i) {
        if (a[i] != b[i])
            return false;
    }
    return true;
}

struct Match
{
    std::string_view want;
    size_t p = 0;
    [[gnu::always_inline]] bool put(std::string_view s)
    {
        if (want.size() - p < s.size())
            return false;
        const char *w = want.data() + p;
        p += s.size();
        return s.size() <= 16 ? sameShort(w, s.data(), s.size())
                              : std::memcmp(w, s.data(), s.size()) == 0;
    }
    [[gnu::always_inline]] bool put(char c)
    {
        if (p >= want.size() || want[p] != c)
            return false;
        ++p;
        return true;
    }
    bool done() const { return p == want.size(); }
};

template<typename Out>
bool putInt(Out &out, std::int64_t v)
{
    char buf[24];
    return out.put(
            std::string_view(buf, size_t(std::to_chars(buf, buf + sizeof buf, v).ptr - buf)));
}

template<typename Out>
bool putStatus(Out &out, int code)
{
    if (code < 100 || code > 999)
        return putInt(out, code);
    const char text[3]
            = {char('0' + code / 100), char('0' + code / 10 % 10), char('0' + code % 10)};
    return out.put(std::string_view(text, 3));
}

void put2(char *at, int v)
{
    at[0] = char('0' + v / 10);
    at[1] = char('0' + v % 10);
}

/// "10/Oct/2000:13:55:36 -0700": the local time of the event in its own offset, whole seconds;
/// empty when the event's time cannot be written so. Consecutive lines mostly share a day, so
/// the date part of the last one is kept.
std::string_view clfTime(const Event &e)
{
    struct Last
    {
        std::int64_t day = INT64_MIN;
        char text[26] = {};
    };
    thread_local Last last;
    if (e.tzOffsetMin == kNoOffset)
        return {};
    const int off = e.tzOffsetMin < 0 ? -e.tzOffsetMin : e.tzOffsetMin;
    const std::int64_t local = e.timestampUs + std::int64_t(e.tzOffsetMin) * 60'000'000;
    if (off >= 100 * 60 || local % 1'000'000 != 0)
        return {};
    const std::int64_t secs = local / 1'000'000;
    const std::int64_t day = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    char *t = last.text;
    if (day != last.day) {
        const CivilTime c = civilFromUs(local);
        if (c.year < 1000 || c.year > 9999)
            return {};
        put2(t, c.day);
        t[2] = '/';
        monthAbbrev(c.month).copy(t + 3, 3);
        t[6] = '/';
        put2(t + 7, int(c.year / 100));
        put2(t + 9, int(c.year % 100));
        t[11] = ':';
        last.day = day;
    }
    const int sod = int(secs - day * 86400);
    put2(t + 12, sod / 3600);
    t[14] = ':';
    put2(t + 15, sod / 60 % 60);
    t[17] = ':';
    put2(t + 18, sod % 60);
    t[20] = ' ';
    t[21] = e.tzOffsetMin < 0 ? '-' : '+';
    put2(t + 22, off / 60);
    put2(t + 24, off % 60);
    return std::string_view(t, 26);
}

/// The referrer the access-log parser keeps as {"http_referrer":"…"}; "-" when there was none.
/// Only referrers whose JSON text needed no escape are taken (an escape could stand for several
/// spellings of the original).
bool referrer(const Event &e, std::string_view &out)
{
    constexpr std::string_view head = R"({"http_referrer":")", tail = R"("})";
    const std::string_view l = e.labels;
    if (l.empty()) {
        out = "-";
        return true;
    }
    if (l.size() < head.size() + tail.size() || l.substr(0, head.size()) != head
        || l.substr(l.size() - tail.size()) != tail)
        return false;
    out = l.substr(head.size(), l.size() - head.size() - tail.size());
    return scan::findEither(out, 0, '"', '\\') == out.size();
}

std::string_view orDash(const std::string &s)
{
    return s.empty() ? std::string_view("-") : std::string_view(s);
}

template<typename Out>
bool putAccess(Out &out, char variant, std::string_view version, const Event &e)
{
    if (variant != 'c' && variant != 'b' && variant != 'h')
        return false;
    if (e.httpMethod.empty() || e.statusCode < 0 || !e.clientIp.empty())
        return false;
    if (variant == 'h') {
        if (e.destinationDomain.empty() || !out.put(e.destinationDomain))
            return false;
        if (e.destinationPort >= 0 && !(out.put(':') && putInt(out, e.destinationPort)))
            return false;
        if (!out.put(' '))
            return false;
    }
    const std::string &host = e.sourceIp.empty() ? e.sourceDomain : e.sourceIp;
    const std::string_view time = clfTime(e);
    if (host.empty())
        return false;
    if (!(out.put(host) && out.put(" - ") && out.put(orDash(e.userName)) && out.put(" [")
          && !time.empty() && out.put(time) && out.put("] \"") && out.put(e.httpMethod)
          && out.put(' ') && out.put(e.urlPath) && out.put(" HTTP/") && out.put(version)
          && out.put("\" ") && putStatus(out, e.statusCode) && out.put(' ')))
        return false;
    if (!(e.bodyBytes < 0 ? out.put('-') : putInt(out, e.bodyBytes)))
        return false;
    if (variant == 'c')
        return e.labels.empty() && e.userAgent.empty() && out.done();
    std::string_view ref;
    return referrer(e, ref) && out.put(" \"") && out.put(ref) && out.put("\" \"")
           && out.put(orDash(e.userAgent)) && out.put('"') && out.done();
}

template<typename Out>
bool put(Out &out, std::string_view form, const Event &e)
{
    if (form.size() < 3 || form.size() > kMaxForm || form[0] != 'a')
        return false;
    const std::string_view version = form.substr(2);
    for (char c : version) {
        if ((c < '0' || c > '9') && c != '.')
            return false;
    }
    return putAccess(out, form[1], version, e);
}

} // namespace

bool render(std::string_view form, const Event &e, std::string &out)
{
    out.clear();
    Text text{out};
    return put(text, form, e);
}

bool rebuilds(std::string_view form, const Event &e, std::string_view record)
{
    Match match{record};
    return put(match, form, e);
}

} // namespace netcase::rawform
