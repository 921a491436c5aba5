#include "sigmavalue.h"

#include "enrich/ipkey.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace netcase::sigma {

namespace {

using Op = ValueTest::Op;

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return out;
}

bool hasWildcard(std::string_view s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            ++i;
            continue;
        }
        if (s[i] == '*' || s[i] == '?')
            return true;
    }
    return false;
}

/// Sigma's escapes: `\*`, `\?` and `\\` are the characters themselves; a lone `\` stays.
std::string unescape(std::string_view s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()
            && (s[i + 1] == '*' || s[i + 1] == '?' || s[i + 1] == '\\'))
            ++i;
        out += s[i];
    }
    return out;
}

bool parseNumber(std::string_view s, double &out)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

struct Mods
{
    bool contains = false, startswith = false, endswith = false, all = false, re = false,
         cidr = false, base64 = false, base64offset = false, windash = false, cased = false,
         exists = false, fieldref = false;
    bool reI = false, reM = false, reS = false;
    Op compare = Op::Equals;
};

std::optional<std::string> parseMods(const std::vector<std::string> &names, Mods &m)
{
    for (const std::string &n : names) {
        if (n == "contains")
            m.contains = true;
        else if (n == "startswith")
            m.startswith = true;
        else if (n == "endswith")
            m.endswith = true;
        else if (n == "all")
            m.all = true;
        else if (n == "re")
            m.re = true;
        else if (n == "i" || n == "ignorecase")
            m.reI = true;
        else if (n == "m" || n == "multiline")
            m.reM = true;
        else if (n == "s" || n == "dotall")
            m.reS = true;
        else if (n == "cidr")
            m.cidr = true;
        else if (n == "base64")
            m.base64 = true;
        else if (n == "base64offset")
            m.base64offset = true;
        else if (n == "windash")
            m.windash = true;
        else if (n == "cased")
            m.cased = true;
        else if (n == "exists")
            m.exists = true;
        else if (n == "fieldref")
            m.fieldref = true;
        else if (n == "lt")
            m.compare = Op::Lt;
        else if (n == "lte")
            m.compare = Op::Lte;
        else if (n == "gt")
            m.compare = Op::Gt;
        else if (n == "gte")
            m.compare = Op::Gte;
        else
            return "modifier |" + n + " is not supported";
    }
    if ((m.reI || m.reM || m.reS) && !m.re)
        return std::string("modifiers |i |m |s need |re");
    return std::nullopt;
}

/// A string value after the transforming modifiers (windash, base64, base64offset).
std::vector<std::pair<std::string, bool>> expand(const std::string &text, const Mods &m)
{
    std::vector<std::pair<std::string, bool>> out; // text, literal (no wildcards)
    std::vector<std::string> texts = m.windash ? windashVariants(text) : std::vector{text};
    for (const std::string &t : texts) {
        if (m.base64offset) {
            for (std::string &v : base64Offsets(unescape(t)))
                out.emplace_back(std::move(v), true);
        } else if (m.base64) {
            out.emplace_back(base64Encode(unescape(t)), true);
        } else {
            out.emplace_back(t, false);
        }
    }
    return out;
}

ValueTest stringTest(const std::string &text, bool literal, const Mods &m)
{
    ValueTest t;
    t.cased = m.cased || m.base64 || m.base64offset;
    const std::string v = t.cased ? text : lower(text);
    if (!literal && hasWildcard(v)) {
        t.op = Op::Glob;
        t.text = (m.contains || m.endswith ? "*" : "") + v
                 + (m.contains || m.startswith ? "*" : "");
        return t;
    }
    t.text = literal ? v : unescape(v);
    t.op = m.contains     ? Op::Contains
           : m.startswith ? Op::StartsWith
           : m.endswith   ? Op::EndsWith
                          : Op::Equals;
    return t;
}

} // namespace

std::optional<std::string> compileValues(const std::vector<std::string> &modifiers,
                                         const std::vector<RawValue> &values,
                                         const std::function<int(const std::string &)> &slotOf,
                                         FieldTest &out)
{
    Mods m;
    if (auto why = parseMods(modifiers, m))
        return why;
    out.all = m.all;
    for (const RawValue &raw : values) {
        ValueTest t;
        if (m.exists) {
            t.op = raw.text == "true" ? Op::Exists : Op::Absent;
        } else if (raw.kind == RawValue::Kind::Null) {
            t.op = Op::Null;
        } else if (m.compare != Op::Equals) {
            t.op = m.compare;
            if (!parseNumber(raw.text, t.number))
                return "|" + modifiers.back() + " needs a number, not '" + raw.text + "'";
        } else if (m.cidr) {
            t.op = Op::Cidr;
            IpKey first, last;
            if (!parseCidr(raw.text, first, last))
                return "'" + raw.text + "' is not a CIDR range";
            t.firstHi = first.hi;
            t.firstLo = first.lo;
            t.lastHi = last.hi;
            t.lastLo = last.lo;
        } else if (m.re) {
            RE2::Options o;
            o.set_log_errors(false);
            o.set_case_sensitive(!m.reI);
            o.set_dot_nl(m.reS);
            o.set_never_nl(false);
            const std::string pattern = m.reM ? "(?m)" + raw.text : raw.text;
            auto re = std::make_shared<RE2>(pattern, o);
            if (!re->ok())
                return "regular expression not supported by RE2: " + re->error();
            t.op = Op::Regex;
            t.re = std::move(re);
        } else if (m.fieldref) {
            t.op = Op::FieldRef;
            t.refSlot = slotOf(raw.text);
            if (t.refSlot < 0)
                return "|fieldref names field '" + raw.text + "', which has no mapping";
        } else {
            for (const auto &[text, literal] : expand(raw.text, m))
                out.values.push_back(stringTest(text, literal, m));
            continue;
        }
        out.values.push_back(std::move(t));
    }
    if (out.values.empty())
        return std::string("a field with no values");
    return std::nullopt;
}

std::optional<std::string> compileKeywords(const std::vector<std::string> &modifiers,
                                           const std::vector<RawValue> &values,
                                           Selection &out)
{
    for (const std::string &n : modifiers) {
        if (n != "all")
            return "keyword modifier |" + n + " is not supported";
        out.keywordsAll = true;
    }
    Mods m;
    m.contains = true;
    for (const RawValue &raw : values) {
        if (raw.kind == RawValue::Kind::Null)
            return std::string("a null keyword");
        out.keywords.push_back(stringTest(raw.text, false, m));
    }
    if (out.keywords.empty())
        return std::string("an empty keyword list");
    return std::nullopt;
}

bool globMatch(std::string_view text, std::string_view pattern)
{
    std::size_t t = 0, p = 0, starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = ++p;
            starT = t;
            continue;
        }
        if (p < pattern.size()) {
            char pc = pattern[p];
            std::size_t step = 1;
            const bool escaped
                    = pc == '\\' && p + 1 < pattern.size()
                      && (pattern[p + 1] == '*' || pattern[p + 1] == '?' || pattern[p + 1] == '\\');
            if (escaped) {
                pc = pattern[p + 1];
                step = 2;
            }
            if ((!escaped && pc == '?') || pc == text[t]) {
                p += step;
                ++t;
                continue;
            }
        }
        if (starP == std::string_view::npos)
            return false;
        p = starP;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool testValue(const ValueTest &t,
               const std::string *value,
               const std::string *lowerText,
               const std::string *ref)
{
    switch (t.op) {
    case Op::Null:
        return !value || value->empty();
    case Op::Exists:
        return value && !value->empty();
    case Op::Absent:
        return !value || value->empty();
    default:
        break;
    }
    if (!value)
        return false;
    const std::string &s = t.cased ? *value : *lowerText;
    switch (t.op) {
    case Op::Equals:
        return s == t.text;
    case Op::Glob:
        return globMatch(s, t.text);
    case Op::Contains:
        return s.find(t.text) != std::string::npos;
    case Op::StartsWith:
        return s.starts_with(t.text);
    case Op::EndsWith:
        return s.ends_with(t.text);
    case Op::Regex:
        return RE2::PartialMatch(*value, *t.re);
    case Op::Cidr: {
        IpKey k;
        return parseIpKey(*value, k) && IpKey{t.firstHi, t.firstLo} <= k
               && k <= IpKey{t.lastHi, t.lastLo};
    }
    case Op::Lt:
    case Op::Lte:
    case Op::Gt:
    case Op::Gte: {
        double d = 0;
        if (!parseNumber(*value, d))
            return false;
        return t.op == Op::Lt    ? d < t.number
               : t.op == Op::Lte ? d <= t.number
               : t.op == Op::Gt  ? d > t.number
                                 : d >= t.number;
    }
    case Op::FieldRef:
        return ref && *lowerText == *ref;
    default:
        return false;
    }
}

std::string base64Encode(std::string_view bytes)
{
    static const char *k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = unsigned(std::uint8_t(bytes[i])) << 16
                           | unsigned(std::uint8_t(bytes[i + 1])) << 8
                           | unsigned(std::uint8_t(bytes[i + 2]));
        out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], k[v & 63]};
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = unsigned(std::uint8_t(bytes[i])) << 16;
        out += {k[v >> 18], k[(v >> 12) & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        const unsigned v = unsigned(std::uint8_t(bytes[i])) << 16
                           | unsigned(std::uint8_t(bytes[i + 1])) << 8;
        out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
    }
    return out;
}

std::vector<std::string> base64Offsets(std::string_view s)
{
    // As the Sigma specification's reference (pySigma): encode with 0, 1 or 2 leading bytes
    // and cut the characters that depend on the neighbouring bytes.
    static const int start[3] = {0, 2, 3};
    static const int endCut[3] = {0, 3, 2};
    std::vector<std::string> out;
    for (int i = 0; i < 3; ++i) {
        const std::string enc = base64Encode(std::string(std::size_t(i), ' ') + std::string(s));
        const int cut = endCut[(int(s.size()) + i) % 3];
        const int len = int(enc.size()) - start[i] - cut;
        if (len > 0)
            out.push_back(enc.substr(std::size_t(start[i]), std::size_t(len)));
    }
    return out;
}

std::vector<std::string> windashVariants(std::string_view s)
{
    // A flag is a '-' or '/' at the start or after a space, followed by a word character.
    static const char *dashes[] = {"-", "/", "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\x95"};
    std::set<std::string> seen;
    std::vector<std::string> out;
    for (const char *d : dashes) {
        std::string v;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const bool flag = (s[i] == '-' || s[i] == '/') && (i == 0 || s[i - 1] == ' ')
                              && i + 1 < s.size() && (std::isalnum(std::uint8_t(s[i + 1])) != 0);
            v += flag ? std::string(d) : std::string(1, s[i]);
        }
        if (seen.insert(v).second)
            out.push_back(v);
    }
    return out;
}

} // namespace netcase::sigma
