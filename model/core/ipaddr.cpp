#include "ipaddr.h"

#include <arpa/inet.h>
#include <cstdlib>
#include <cstring>
#include <string>

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

bool inCidr(std::string_view ip, std::string_view cidr)
{
    const auto slash = cidr.find('/');
    std::array<std::uint8_t, 16> net{};
    std::array<std::uint8_t, 16> addr{};
    bool netV4 = false;
    bool addrV4 = false;
    if (!parseIpBytes(cidr.substr(0, slash), net, netV4) || !parseIpBytes(ip, addr, addrV4)
        || netV4 != addrV4)
        return false;
    int bits = netV4 ? 32 : 128;
    if (slash != std::string_view::npos)
        bits = std::atoi(std::string(cidr.substr(slash + 1)).c_str());
    if (netV4)
        bits += 96; // IPv4-mapped form
    for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
        const std::uint8_t mask = bits >= 8 ? 0xff : std::uint8_t(0xff << (8 - bits));
        if ((net[std::size_t(i)] & mask) != (addr[std::size_t(i)] & mask))
            return false;
    }
    return true;
}

bool validCidr(std::string_view cidr)
{
    const auto slash = cidr.find('/');
    std::array<std::uint8_t, 16> b{};
    bool v4 = false;
    if (slash == std::string_view::npos || !parseIpBytes(cidr.substr(0, slash), b, v4))
        return false;
    const std::string_view digits = cidr.substr(slash + 1);
    if (digits.empty() || digits.size() > 3
        || digits.find_first_not_of("0123456789") != std::string_view::npos)
        return false;
    const int bits = std::atoi(std::string(digits).c_str());
    return bits <= (v4 ? 32 : 128);
}

} // namespace netcase
