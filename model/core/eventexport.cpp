#include "eventexport.h"

namespace netcase {

namespace {

void flatten(const nlohmann::json &j, const std::string &prefix, nlohmann::json &out)
{
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string name = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (it->is_object())
            flatten(*it, name, out);
        else
            out[name] = *it;
    }
}

/// The string at a dotted path, or empty.
std::string str(const nlohmann::json &j, const nlohmann::json::json_pointer &p)
{
    return j.contains(p) && j.at(p).is_string() ? j.at(p).get<std::string>() : std::string();
}

} // namespace

const std::vector<std::string> &eventExportFormats()
{
    static const std::vector<std::string> formats = {"ecs", "timesketch", "ecs-bulk"};
    return formats;
}

std::string timesketchMessage(const nlohmann::json &doc)
{
    using P = nlohmann::json::json_pointer;
    std::string m = str(doc, P("/event/action"));
    if (m.empty())
        m = str(doc, P("/event/category"));
    if (m.empty())
        m = "event";
    if (const std::string o = str(doc, P("/event/outcome")); !o.empty() && o != "unknown")
        m += " " + o;
    if (const std::string u = str(doc, P("/user/name")); !u.empty())
        m += " user=" + u;
    if (const std::string s = str(doc, P("/source/ip")); !s.empty())
        m += " from " + s;
    if (const std::string d = str(doc, P("/destination/ip")); !d.empty())
        m += " to " + d;
    if (const std::string u = str(doc, P("/url/original")); !u.empty())
        m += " " + str(doc, P("/http/request/method"))
             + (str(doc, P("/http/request/method")).empty() ? "" : " ") + u;
    return m;
}

std::vector<nlohmann::json> exportLines(const nlohmann::json &doc, const std::string &format)
{
    if (format == "timesketch") {
        nlohmann::json line = nlohmann::json::object();
        flatten(doc, std::string(), line);
        line["message"] = timesketchMessage(doc);
        line["datetime"] = doc.value("@timestamp", std::string());
        line["timestamp_desc"] = "Event Time";
        return {line};
    }
    if (format == "ecs-bulk")
        return {nlohmann::json{{"index", {{"_index", "netcase-events"}}}}, doc};
    return {doc};
}

} // namespace netcase
