#include "eventdoc.h"

#include "core/fields.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <cstdio>
#include <cstdlib>

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

} // namespace

nlohmann::json eventDocument(const Event &e)
{
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
    return j;
}

} // namespace netcase
