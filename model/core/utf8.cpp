#include "utf8.h"

#include "event.h"

#include <cstdint>
#include <cstring>

namespace netcase::utf8 {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

} // namespace

// Unicode table 3-7: the well-formed byte sequences.
size_t sequenceLength(std::string_view s, size_t i)
{
    const auto b = [&](size_t k) {
        return static_cast<unsigned char>(s[i + k]);
    };
    const size_t left = s.size() - i;
    const unsigned char c = b(0);
    if (c < 0x80)
        return 1;
    const auto cont = [&](size_t k) {
        return (b(k) & 0xC0) == 0x80;
    };
    if (c >= 0xC2 && c <= 0xDF)
        return left >= 2 && cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3 || !cont(1) || !cont(2))
            return 0;
        if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F)) // overlong, surrogate
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4 || !cont(1) || !cont(2) || !cont(3))
            return 0;
        if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F)) // overlong, > U+10FFFF
            return 0;
        return 4;
    }
    return 0;
}

namespace {

/// Index of the first byte that is not plain ASCII, eight bytes at a time.
size_t asciiPrefix(std::string_view s)
{
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if (w & 0x8080808080808080ULL)
            break;
    }
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80)
        ++i;
    return i;
}

/// Index of the first invalid byte, or s.size().
size_t firstInvalid(std::string_view s)
{
    size_t i = asciiPrefix(s);
    while (i < s.size()) {
        const size_t n = sequenceLength(s, i);
        if (n == 0)
            return i;
        i += n;
    }
    return s.size();
}

} // namespace

bool isAscii(std::string_view s)
{
    return asciiPrefix(s) == s.size();
}

bool isValid(std::string_view s)
{
    return firstInvalid(s) == s.size();
}

std::string repaired(std::string_view s)
{
    size_t i = firstInvalid(s);
    std::string out(s.substr(0, i));
    if (i == s.size())
        return out;
    out.reserve(s.size() + 8);
    while (i < s.size()) {
        const size_t n = sequenceLength(s, i);
        if (n == 0) {
            out += kReplacement;
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

bool repair(std::string &s)
{
    if (firstInvalid(s) == s.size())
        return false;
    s = repaired(s);
    return true;
}

bool repair(Event &e)
{
    bool changed = false;
    for (std::string *s :
         {&e.category, &e.action, &e.sourceIp, &e.sourceDomain, &e.clientIp, &e.destinationIp,
          &e.destinationDomain, &e.hostName, &e.userName, &e.userAgent, &e.httpMethod, &e.urlPath,
          &e.transport, &e.sessionId, &e.deviceId, &e.mfa, &e.labels})
        changed |= repair(*s);
    return changed;
}

} // namespace netcase::utf8
