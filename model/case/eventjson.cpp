#include "eventjson.h"

#include "case/eventquery.h"
#include "core/fields.h"
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

/// The member of j at a dotted ECS name ("http.response.status_code"), created on the way.
nlohmann::json &at(nlohmann::json &j, std::string_view dotted)
{
    nlohmann::json *node = &j;
    for (size_t from = 0;;) {
        const size_t dot = dotted.find('.', from);
        node = &(*node)[std::string(dotted.substr(from, dot - from))];
        if (dot == std::string_view::npos)
            return *node;
        from = dot + 1;
    }
}

std::string offsetText(std::int16_t off)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                  std::abs(off) % 60);
    return buf;
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
    for (const FieldDef &f : eventFields()) {
        switch (f.type) {
        case FieldType::Time:
            at(j, f.ecs) = formatIsoUs(e.timestampUs);
            break;
        case FieldType::Outcome:
            at(j, f.ecs) = outcomeName(e.outcome);
            break;
        case FieldType::Offset:
            if (e.tzOffsetMin != kNoOffset)
                at(j, f.ecs) = offsetText(e.tzOffsetMin);
            break;
        case FieldType::Text:
        case FieldType::Address:
            if (!(e.*f.text).empty())
                at(j, f.ecs) = text(e.*f.text);
            break;
        case FieldType::Integer:
            if (const std::int64_t v = documentNumber(f, e); v >= 0)
                at(j, f.ecs) = v;
            break;
        case FieldType::Json:
            if (!(e.*f.text).empty()) {
                auto labels = nlohmann::json::parse(text(e.*f.text), nullptr, false);
                if (!labels.is_discarded())
                    at(j, f.ecs) = std::move(labels);
            }
            break;
        }
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
