#include "targets.h"

#include <array>

namespace netcase::query {

namespace {

struct Extra
{
    const char *name;
    const char *canonical;
    Target::Kind kind;
    FieldType type;
};

// Names beyond the field table. ip/related.ip and the country and AS terms look at every
// address of an event (ECS related.ip): source, client (X-Forwarded-For) and destination.
constexpr std::array<Extra, 12> kExtras = {{
        {"ip", "related.ip", Target::Kind::Fields, FieldType::Address},
        {"related.ip", "related.ip", Target::Kind::Fields, FieldType::Address},
        {"related.user", "user.name", Target::Kind::Fields, FieldType::Text},
        {"source", "log.file.path", Target::Kind::SourceFile, FieldType::Text},
        {"file", "log.file.path", Target::Kind::SourceFile, FieldType::Text},
        {"log.file.path", "log.file.path", Target::Kind::SourceFile, FieldType::Text},
        {"country", "related.geo.country_iso_code", Target::Kind::Country, FieldType::Text},
        {"asn", "related.as.number", Target::Kind::Asn, FieldType::Integer},
        {"as.number", "related.as.number", Target::Kind::Asn, FieldType::Integer},
        {"tag", "tags", Target::Kind::Tag, FieldType::Text},
        {"tags", "tags", Target::Kind::Tag, FieldType::Text},
        {"is", "is", Target::Kind::Noted, FieldType::Text},
}};

std::vector<const FieldDef *> addressFields()
{
    return {findField("source.ip"), findField("client.ip"), findField("destination.ip")};
}

} // namespace

std::optional<Target> findTarget(std::string_view name)
{
    for (const Extra &x : kExtras) {
        if (name != x.name)
            continue;
        Target t;
        t.kind = x.kind;
        t.name = x.canonical;
        t.type = x.type;
        if (x.kind == Target::Kind::Fields && x.type == FieldType::Address)
            t.fields = addressFields();
        else if (x.kind == Target::Kind::Fields)
            t.fields = {findField("user.name")};
        else if (x.kind == Target::Kind::Country || x.kind == Target::Kind::Asn)
            t.fields = addressFields();
        return t;
    }
    const FieldDef *f = findField(name);
    if (!f)
        return std::nullopt;
    Target t;
    t.name = f->ecs;
    t.type = f->type;
    t.fields = {f};
    return t;
}

std::vector<std::string> targetNames()
{
    std::vector<std::string> out;
    for (const Extra &x : kExtras) {
        if (std::string_view(x.name).find('.') == std::string_view::npos)
            out.emplace_back(x.name);
    }
    for (const FieldDef &f : eventFields()) {
        if (f.alias)
            out.emplace_back(f.alias);
    }
    for (const Extra &x : kExtras) {
        if (std::string_view(x.name).find('.') != std::string_view::npos)
            out.emplace_back(x.name);
    }
    for (const FieldDef &f : eventFields())
        out.emplace_back(f.ecs);
    return out;
}

} // namespace netcase::query
