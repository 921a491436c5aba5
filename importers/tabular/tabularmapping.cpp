#include "tabularmapping.h"

#include "core/utf8.h"

#include <algorithm>

namespace netcase {

Result<std::optional<FieldMapping>> mappingFromOptions(const ImportOptions &options)
{
    if (options.mapping.trimmed().isEmpty())
        return std::optional<FieldMapping>();
    auto m = FieldMapping::fromText(options.mapping);
    if (!m)
        return m.error();
    return std::optional<FieldMapping>(std::move(*m));
}

std::vector<std::string> uniqueColumnNames(const std::vector<std::string_view> &header)
{
    std::vector<std::string> names;
    for (size_t i = 0; i < header.size(); ++i) {
        std::string n = utf8::repaired(header[i]);
        while (!n.empty() && (n.back() == ' ' || n.back() == '\t'))
            n.pop_back();
        while (!n.empty() && (n.front() == ' ' || n.front() == '\t'))
            n.erase(n.begin());
        if (n.empty())
            n = "column " + std::to_string(i + 1);
        const std::string base = n;
        for (int k = 2; std::find(names.begin(), names.end(), n) != names.end(); ++k)
            n = base + "_" + std::to_string(k);
        names.push_back(n);
    }
    return names;
}

std::string joinNames(const std::vector<std::string> &names)
{
    std::string out;
    for (size_t i = 0; i < names.size() && i < 20; ++i) {
        if (i)
            out += ", ";
        out += names[i];
    }
    if (names.size() > 20)
        out += ", ...";
    return out;
}

} // namespace netcase
