#pragma once

// Builds the `labels` JSON object of an event cheaply (no DOM): importers call it once per record,
// so it appends escaped text straight into one string. Used by the syslog, Zeek and flow
// importers.

#include "core/utf8.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netcase {

class LabelBuilder
{
public:
    void clear() { m_json.clear(); }
    bool empty() const { return m_json.empty(); }

    /// Adds "key":"value" (value escaped; invalid UTF-8 bytes become U+FFFD). Empty values are
    /// skipped: an absent label is simply not written.
    void add(std::string_view key, std::string_view value)
    {
        if (value.empty())
            return;
        openKey(key);
        appendString(value);
    }
    /// Adds "key":number.
    void addNumber(std::string_view key, std::int64_t value)
    {
        openKey(key);
        m_json += std::to_string(value);
    }
    void addBool(std::string_view key, bool value)
    {
        openKey(key);
        m_json += value ? "true" : "false";
    }

    /// The finished object, or an empty string when no label was added.
    std::string take()
    {
        if (m_json.empty())
            return {};
        std::string out;
        out.reserve(m_json.size() + 2);
        out += '{';
        out += m_json;
        out += '}';
        m_json.clear();
        return out;
    }

private:
    void openKey(std::string_view key)
    {
        if (!m_json.empty())
            m_json += ',';
        appendString(key);
        m_json += ':';
    }

    void appendString(std::string_view s)
    {
        static const char *hex = "0123456789abcdef";
        m_json += '"';
        for (size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c == '"' || c == '\\') {
                m_json += '\\';
                m_json += char(c);
            } else if (c < 0x20) {
                m_json += "\\u00";
                m_json += hex[c >> 4];
                m_json += hex[c & 15];
            } else if (c < 0x80) {
                m_json += char(c);
            } else {
                const size_t n = utf8::sequenceLength(s, i);
                if (n == 0) {
                    m_json += "\xEF\xBF\xBD"; // keep the JSON valid for any bytes
                } else {
                    m_json.append(s.data() + i, n);
                    i += n - 1;
                }
            }
        }
        m_json += '"';
    }

    std::string m_json;
};

} // namespace netcase
