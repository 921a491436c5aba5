#include "eventjson.h"

#include "case/eventquery.h"
#include "core/timeutil.h"
#include "core/utf8.h"

namespace netcase {

namespace {

// Log text may hold bytes that are not UTF-8 (a hostile user agent); nlohmann's dump() throws on
// those, so every string is repaired here, whatever importer or older case it came from.
std::string text(const std::string &v)
{
    return utf8::repaired(v);
}

void put(nlohmann::json &j, const char *a, const char *b, const std::string &v)
{
    if (!v.empty())
        j[a][b] = text(v);
}

void putNum(nlohmann::json &j, const char *a, const char *b, std::int64_t v)
{
    if (v >= 0)
        j[a][b] = v;
}

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
    nlohmann::json j = nlohmann::json::object();
    j["@timestamp"] = formatIsoUs(e.timestampUs);
    nlohmann::json &ev = j["event"];
    ev["outcome"] = outcomeName(e.outcome);
    if (!e.category.empty())
        ev["category"] = text(e.category);
    if (!e.action.empty())
        ev["action"] = text(e.action);
    if (e.durationUs >= 0)
        ev["duration"] = e.durationUs * 1000;
    if (e.tzOffsetMin != kNoOffset) {
        const int off = e.tzOffsetMin;
        char buf[8];
        std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                      std::abs(off) % 60);
        ev["timezone"] = buf;
    }
    put(j, "source", "ip", e.sourceIp);
    putNum(j, "source", "port", e.sourcePort);
    put(j, "source", "domain", e.sourceDomain);
    putNum(j, "source", "bytes", e.sourceBytes);
    put(j, "client", "ip", e.clientIp);
    put(j, "destination", "ip", e.destinationIp);
    putNum(j, "destination", "port", e.destinationPort);
    put(j, "destination", "domain", e.destinationDomain);
    putNum(j, "destination", "bytes", e.destinationBytes);
    put(j, "host", "name", e.hostName);
    put(j, "user", "name", e.userName);
    put(j, "user_agent", "original", e.userAgent);
    if (!e.httpMethod.empty())
        j["http"]["request"]["method"] = text(e.httpMethod);
    if (e.statusCode >= 0)
        j["http"]["response"]["status_code"] = e.statusCode;
    if (e.bodyBytes >= 0)
        j["http"]["response"]["body"]["bytes"] = e.bodyBytes;
    put(j, "url", "original", e.urlPath);
    put(j, "network", "transport", e.transport);
    putNum(j, "network", "packets", e.packets);
    put(j, "session", "id", e.sessionId);
    put(j, "device", "id", e.deviceId);
    put(j, "authentication", "mfa", e.mfa);
    if (!e.labels.empty()) {
        auto labels = nlohmann::json::parse(text(e.labels), nullptr, false);
        if (!labels.is_discarded())
            j["labels"] = std::move(labels);
    }
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
