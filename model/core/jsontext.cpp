#include "core/jsontext.h"

#include "core/displaytext.h"
#include "core/utf8.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace netcase {

namespace {

char32_t decode(std::string_view s, size_t i, size_t len)
{
    const auto b = [&](size_t k) {
        return static_cast<unsigned char>(s[i + k]);
    };
    switch (len) {
    case 2:
        return ((b(0) & 0x1fU) << 6) | (b(1) & 0x3fU);
    case 3:
        return ((b(0) & 0x0fU) << 12) | ((b(1) & 0x3fU) << 6) | (b(2) & 0x3fU);
    default:
        return ((b(0) & 0x07U) << 18) | ((b(1) & 0x3fU) << 12) | ((b(2) & 0x3fU) << 6)
               | (b(3) & 0x3fU);
    }
}

void appendEscape(std::string &out, char32_t c)
{
    char buf[16];
    if (c > 0xffff) { // a surrogate pair, as JSON requires
        const char32_t v = c - 0x10000;
        std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xd800U + (unsigned(v) >> 10),
                      0xdc00U + (unsigned(v) & 0x3ffU));
    } else {
        std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
    }
    out += buf;
}

} // namespace

std::string escapeUnsafeInJson(std::string text)
{
    // JSON's structure is ASCII, so any multi-byte sequence is inside a string and an escape
    // there denotes the same character. ASCII controls are already escaped by the writer.
    if (utf8::isAscii(text))
        return text;
    std::string out;
    out.reserve(text.size() + 16);
    const std::string_view s(text);
    for (size_t i = 0; i < s.size();) {
        const auto byte = static_cast<unsigned char>(s[i]);
        const size_t len = byte < 0x80 ? 1 : utf8::sequenceLength(s, i);
        if (len <= 1) {
            out += s[i];
            ++i;
            continue;
        }
        const char32_t c = decode(s, i, len);
        if (isUnsafeForDisplay(c, LineBreaks::Keep))
            appendEscape(out, c);
        else
            out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

std::string jsonText(const nlohmann::json &j, int indent)
{
    return escapeUnsafeInJson(j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace netcase
