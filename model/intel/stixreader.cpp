#include "stixreader.h"

#include "stixpattern.h"

#include "core/timeutil.h"

#include <nlohmann/json.hpp>

#include <map>

namespace netcase::intel {

namespace {

QString str(const nlohmann::json &o, const char *key)
{
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

Result<std::optional<std::int64_t>>
timeOf(const nlohmann::json &o, const char *key, const QString &id)
{
    const auto it = o.find(key);
    if (it == o.end() || it->is_null())
        return std::optional<std::int64_t>();
    const auto t = it->is_string() ? parseIso(it->get<std::string>()) : std::nullopt;
    if (!t)
        return makeError(
                QStringLiteral("indicator %1: %2 is not a timestamp").arg(id, QLatin1String(key)));
    return std::optional<std::int64_t>(*t);
}

QStringList strings(const nlohmann::json &o, const char *key)
{
    QStringList out;
    const auto it = o.find(key);
    if (it != o.end() && it->is_array())
        for (const auto &v : *it)
            if (v.is_string())
                out << QString::fromStdString(v.get<std::string>());
    return out;
}

} // namespace

Result<IntelFile> readStixBundle(const nlohmann::json &bundle)
{
    if (!bundle.is_object() || str(bundle, "type") != QLatin1String("bundle"))
        return makeError(QStringLiteral("not a STIX 2.1 bundle (no \"type\": \"bundle\")"));
    const auto objects = bundle.find("objects");
    if (objects == bundle.end() || !objects->is_array())
        return makeError(QStringLiteral("the STIX bundle has no \"objects\" array"));
    IntelFile out;
    out.format = QStringLiteral("stix");
    std::map<QString, QString> identities;
    for (const auto &o : *objects)
        if (o.is_object() && str(o, "type") == QLatin1String("identity"))
            identities[str(o, "id")] = str(o, "name");
    std::map<QString, int> otherTypes;
    QStringList producers;
    int n = 0;
    for (const auto &o : *objects) {
        ++n;
        if (!o.is_object())
            return makeError(QStringLiteral("object %1 of the bundle is not a JSON object").arg(n));
        const QString type = str(o, "type");
        if (type == QLatin1String("identity"))
            continue;
        if (type != QLatin1String("indicator")) {
            ++otherTypes[type.isEmpty() ? QStringLiteral("(no type)") : type];
            continue;
        }
        const QString id = str(o, "id");
        if (id.isEmpty())
            return makeError(
                    QStringLiteral("object %1 of the bundle: an indicator without an id").arg(n));
        const QString pattern = str(o, "pattern");
        if (pattern.isEmpty())
            return makeError(QStringLiteral("indicator %1 has no pattern").arg(id));
        const QString patternType = str(o, "pattern_type");
        if (!patternType.isEmpty() && patternType != QLatin1String("stix")) {
            out.unsupported.push_back({id, pattern,
                                       QStringLiteral("pattern_type %1: only STIX patterns are "
                                                      "read")
                                               .arg(patternType)});
            continue;
        }
        if (o.value("revoked", false) == true) {
            out.unsupported.push_back({id, pattern, QStringLiteral("revoked by its producer")});
            continue;
        }
        auto parsed = parseStixPattern(pattern);
        if (!parsed)
            return makeError(QStringLiteral("indicator %1: %2").arg(id, parsed.error().message));
        for (const QString &why : parsed->unsupported)
            out.unsupported.push_back({id, pattern, why});
        Indicator base;
        base.externalId = id;
        base.name = str(o, "name");
        base.description = str(o, "description");
        base.context = pattern;
        const QString ref = str(o, "created_by_ref");
        const auto who = identities.find(ref);
        base.producer = who != identities.end() && !who->second.isEmpty() ? who->second : ref;
        if (!base.producer.isEmpty() && !producers.contains(base.producer))
            producers << base.producer;
        if (const auto c = o.find("confidence"); c != o.end() && c->is_number_integer()) {
            const int v = c->get<int>();
            if (v < 0 || v > 100)
                return makeError(QStringLiteral("indicator %1: confidence %2 is outside 0..100")
                                         .arg(id)
                                         .arg(v));
            base.confidence = v;
        }
        for (const auto &[key, target] :
             {std::pair{"valid_from", &base.validFrom}, std::pair{"valid_until", &base.validUntil},
              std::pair{"created", &base.created}}) {
            auto t = timeOf(o, key, id);
            if (!t)
                return t.error();
            *target = *t;
        }
        if (base.validFrom && base.validUntil && *base.validUntil <= *base.validFrom)
            return makeError(
                    QStringLiteral("indicator %1: valid_until is not after valid_from").arg(id));
        base.labels = strings(o, "labels") + strings(o, "indicator_types");
        base.labels.removeDuplicates();
        for (const PatternTerm &t : parsed->terms) {
            Indicator ind = base;
            ind.kind = t.kind;
            ind.value = t.value;
            out.indicators.push_back(std::move(ind));
        }
    }
    for (const auto &[type, count] : otherTypes)
        out.unsupported.push_back(
                {QString(), type,
                 QStringLiteral("%1 object(s) of type %2: not indicators, not read")
                         .arg(count)
                         .arg(type)});
    out.producer = producers.join(QStringLiteral(", "));
    return out;
}

} // namespace netcase::intel
