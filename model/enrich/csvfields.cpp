#include "csvfields.h"

namespace netcase {

void splitCsvLine(std::string_view line, std::vector<std::string> &fields)
{
    fields.clear();
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(cur));
            cur.clear();
        } else if (c != '\r' && c != '\n') {
            cur += c;
        }
    }
    fields.push_back(std::move(cur));
}

} // namespace netcase
