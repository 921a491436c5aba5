#include "labelsbuilder.h"

#include "core/textscan.h"
#include "core/utf8.h"

namespace netcase {

void appendJsonEscaped(std::string &out, std::string_view s)
{
    static const char hex[] = "0123456789abcdef";
    out.reserve(out.size() + s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        // Runs of characters that need no escaping (nearly all of them) are copied at once.
        if (const size_t run = scan::findJsonSpecial(s, i); run > i) {
            out.append(s.substr(i, run - i));
            i = run;
            if (i == s.size())
                break;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(char(c));
        } else if (c < 0x20) {
            switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 15]);
            }
        } else if (const size_t n = utf8::sequenceLength(s, i)) {
            out.append(s.substr(i, n));
            i += n - 1;
        } else {
            out += "\xEF\xBF\xBD";
        }
    }
}

void LabelsBuilder::key(std::string_view key)
{
    m_json.push_back(m_json.empty() ? '{' : ',');
    m_json.push_back('"');
    appendJsonEscaped(m_json, key);
    m_json += "\":";
}

void LabelsBuilder::add(std::string_view k, std::string_view value)
{
    if (value.empty())
        return;
    key(k);
    m_json.push_back('"');
    appendJsonEscaped(m_json, value);
    m_json.push_back('"');
}

namespace {

// A JSON number or literal, so addRaw() never writes text that would break the object.
bool isJsonLiteral(std::string_view s)
{
    if (s == "true" || s == "false")
        return true;
    size_t i = 0;
    if (i < s.size() && s[i] == '-')
        ++i;
    const size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
    if (i == digits || (s[digits] == '0' && i - digits > 1))
        return false;
    if (i < s.size() && s[i] == '.') {
        const size_t f = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == f)
            return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        const size_t x = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        if (i == x)
            return false;
    }
    return i == s.size();
}

} // namespace

void LabelsBuilder::addRaw(std::string_view k, std::string_view json)
{
    if (json.empty())
        return;
    if (!isJsonLiteral(json)) {
        add(k, json);
        return;
    }
    key(k);
    m_json.append(json);
}

std::string LabelsBuilder::take()
{
    if (m_json.empty())
        return {};
    m_json.push_back('}');
    std::string out;
    out.swap(m_json);
    return out;
}

} // namespace netcase
