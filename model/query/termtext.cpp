#include "termtext.h"

#include "query/parser.h"

namespace netcase::query {

std::string termFor(std::string_view name, std::string_view value, bool numeric)
{
    if (value.empty())
        return "NOT " + std::string(name) + ":*";
    if (numeric)
        return std::string(name) + ':' + std::string(value);
    std::string out = std::string(name) + ":\"";
    for (char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

std::string narrowed(std::string_view query, std::string_view term)
{
    const Parsed p = parse(query);
    if (!p.root)
        return std::string(term);
    std::string q(query);
    while (!q.empty() && (q.back() == ' ' || q.back() == '\t'))
        q.pop_back();
    if (p.root->kind == Node::Kind::Or)
        q = '(' + q + ')';
    return q + ' ' + std::string(term);
}

} // namespace netcase::query
