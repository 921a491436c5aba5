#include "ipaddr.h"

#include <arpa/inet.h>
#include <cstring>

namespace netcase {

namespace {

// Fast path for the common dotted-quad already in canonical form.
bool canonicalV4(std::string_view s)
{
    if (s.size() < 7 || s.size() > 15)
        return false;
    int parts = 0, digits = 0, value = 0;
    char first = 0;
    for (char c : s) {
        if (c == '.') {
            if (digits == 0 || (digits > 1 && first == '0') || value > 255)
                return false;
            ++parts;
            digits = value = 0;
        } else if (c >= '0' && c <= '9') {
            if (digits == 0)
                first = c;
            value = value * 10 + (c - '0');
            if (++digits > 3)
                return false;
        } else {
            return false;
        }
    }
    return parts == 3 && digits > 0 && !(digits > 1 && first == '0') && value <= 255;
}

} // namespace

bool normaliseIp(std::string_view s, std::string &out)
{
    if (canonicalV4(s)) {
        out.assign(s);
        return true;
    }
    if (s.size() > 2 && s.front() == '[' && s.back() == ']')
        s = s.substr(1, s.size() - 2);
    if (const size_t pct = s.find('%'); pct != std::string_view::npos)
        s = s.substr(0, pct);
    if (s.empty() || s.size() >= INET6_ADDRSTRLEN)
        return false;
    char buf[INET6_ADDRSTRLEN];
    std::memcpy(buf, s.data(), s.size());
    buf[s.size()] = '\0';
    unsigned char bin[16];
    char text[INET6_ADDRSTRLEN];
    if (s.find(':') != std::string_view::npos) {
        if (inet_pton(AF_INET6, buf, bin) != 1)
            return false;
        if (!inet_ntop(AF_INET6, bin, text, sizeof text))
            return false;
    } else {
        if (inet_pton(AF_INET, buf, bin) != 1)
            return false;
        if (!inet_ntop(AF_INET, bin, text, sizeof text))
            return false;
    }
    out.assign(text);
    return true;
}

bool parseIpBytes(std::string_view s, std::array<std::uint8_t, 16> &out, bool &isV4)
{
    std::string canon;
    if (!normaliseIp(s, canon))
        return false;
    out.fill(0);
    if (canon.find(':') == std::string::npos) {
        isV4 = true;
        out[10] = out[11] = 0xff;
        return inet_pton(AF_INET, canon.c_str(), out.data() + 12) == 1;
    }
    isV4 = false;
    return inet_pton(AF_INET6, canon.c_str(), out.data()) == 1;
}

} // namespace netcase
