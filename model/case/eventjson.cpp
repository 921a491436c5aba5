#include "eventjson.h"

#include "case/eventquery.h"
#include "core/eventdoc.h"

namespace netcase {

namespace {

void flatten(const nlohmann::json &j,
             const std::string &prefix,
             std::vector<std::pair<std::string, std::string>> &out)
{
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string key = prefix.empty() ? it.key() : prefix + '.' + it.key();
        if (it->is_object() && key != "labels")
            flatten(*it, key, out);
        else if (it->is_string())
            out.emplace_back(key, it->get<std::string>());
        else
            out.emplace_back(key,
                             it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}

} // namespace

nlohmann::json eventToEcs(const EventRow &row)
{
    const Event &e = row.event;
    nlohmann::json j = eventDocument(e);
    j["netcase"]["event_id"] = row.id;
    j["netcase"]["source_id"] = row.sourceId;
    j["netcase"]["line"] = e.line;
    if (!row.sourceName.isEmpty())
        j["netcase"]["source"] = row.sourceName.toStdString();
    return j;
}

std::vector<std::pair<std::string, std::string>> eventToFlatFields(const EventRow &row)
{
    std::vector<std::pair<std::string, std::string>> out;
    flatten(eventToEcs(row), std::string(), out);
    return out;
}

} // namespace netcase
