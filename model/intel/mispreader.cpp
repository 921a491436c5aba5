#include "mispreader.h"

#include "core/timeutil.h"

#include <nlohmann/json.hpp>

#include <map>

namespace netcase::intel {

namespace {

QString str(const nlohmann::json &o, const char *key)
{
    const auto it = o.find(key);
    if (it == o.end())
        return {};
    if (it->is_string())
        return QString::fromStdString(it->get<std::string>());
    if (it->is_number_integer())
        return QString::number(it->get<std::int64_t>());
    return {};
}

/// MISP writes flags as true/false, "1"/"0" or 1/0.
std::optional<bool> flag(const nlohmann::json &o, const char *key)
{
    const auto it = o.find(key);
    if (it == o.end() || it->is_null())
        return std::nullopt;
    if (it->is_boolean())
        return it->get<bool>();
    if (it->is_number_integer())
        return it->get<int>() != 0;
    if (it->is_string())
        return it->get<std::string>() == "1" || it->get<std::string>() == "true";
    return std::nullopt;
}

QStringList tags(const nlohmann::json &o)
{
    QStringList out;
    const auto it = o.find("Tag");
    if (it != o.end() && it->is_array())
        for (const auto &t : *it)
            if (t.is_object() && t.contains("name") && t["name"].is_string())
                out << QString::fromStdString(t["name"].get<std::string>());
    return out;
}

QString threatLevel(const QString &id)
{
    static const char *kLevels[] = {"High", "Medium", "Low", "Undefined"};
    bool ok = false;
    const int n = id.toInt(&ok);
    return ok && n >= 1 && n <= 4 ? QLatin1String(kLevels[n - 1]) : QString();
}

struct Counts
{
    std::map<QString, int> otherTypes;
};

Status attribute(const nlohmann::json &a, const Indicator &base, IntelFile &out, Counts &counts)
{
    const QString type = str(a, "type");
    const QString value = str(a, "value").trimmed();
    const QString uuid = str(a, "uuid");
    if (type.isEmpty() || value.isEmpty())
        return makeError(
                QStringLiteral("attribute %1 of event \"%2\" has no type or value")
                        .arg(uuid.isEmpty() ? QStringLiteral("(no uuid)") : uuid, base.name));
    Indicator ind = base;
    ind.externalId = uuid;
    ind.description = str(a, "comment");
    ind.toIds = flag(a, "to_ids");
    ind.labels += tags(a);
    ind.labels.removeDuplicates();
    ind.context = type + QLatin1Char(' ') + value;
    if (const QString ts = str(a, "timestamp"); !ts.isEmpty()) {
        bool ok = false;
        const qint64 secs = ts.toLongLong(&ok);
        if (ok)
            ind.created = std::int64_t(secs) * 1000000;
    }
    std::optional<QString> v;
    if (type == QLatin1String("ip-src") || type == QLatin1String("ip-dst")) {
        v = canonicalNetwork(value);
    } else if (type == QLatin1String("ip-src|port") || type == QLatin1String("ip-dst|port")) {
        v = canonicalNetwork(value.section(QLatin1Char('|'), 0, 0));
    } else if (type == QLatin1String("domain") || type == QLatin1String("hostname")) {
        ind.kind = Kind::Domain;
        v = canonicalDomain(value);
    } else if (type == QLatin1String("url")) {
        ind.kind = Kind::Url;
        QString host, rest;
        if (splitUrl(value, &host, &rest))
            v = value;
        else if (splitUrl(QStringLiteral("http://") + value, &host, &rest))
            v = QStringLiteral("http://") + value; // MISP urls often lack the scheme
    } else {
        ++counts.otherTypes[type];
        return {};
    }
    if (!v) {
        out.unsupported.push_back(
                {uuid, ind.context, QStringLiteral("the value is not a valid %1").arg(type)});
        return {};
    }
    ind.value = *v;
    out.indicators.push_back(std::move(ind));
    return {};
}

Status event(const nlohmann::json &e, IntelFile &out, Counts &counts, QStringList &producers)
{
    if (!e.is_object())
        return makeError(QStringLiteral("a MISP \"Event\" is not a JSON object"));
    Indicator base;
    base.name = str(e, "info");
    base.threatLevel = threatLevel(str(e, "threat_level_id"));
    base.labels = tags(e);
    if (const auto org = e.find("Orgc"); org != e.end() && org->is_object())
        base.producer = str(*org, "name");
    if (!base.producer.isEmpty() && !producers.contains(base.producer))
        producers << base.producer;
    auto each = [&](const nlohmann::json &list) -> Status {
        if (!list.is_array())
            return makeError(
                    QStringLiteral("event \"%1\": Attribute is not a list").arg(base.name));
        for (const auto &a : list) {
            if (!a.is_object())
                return makeError(QStringLiteral("event \"%1\": an attribute is not an object")
                                         .arg(base.name));
            if (Status s = attribute(a, base, out, counts); !s)
                return s;
        }
        return {};
    };
    if (const auto attrs = e.find("Attribute"); attrs != e.end())
        if (Status s = each(*attrs); !s)
            return s;
    if (const auto objs = e.find("Object"); objs != e.end() && objs->is_array())
        for (const auto &o : *objs)
            if (o.is_object() && o.contains("Attribute"))
                if (Status s = each(o["Attribute"]); !s)
                    return s;
    return {};
}

} // namespace

bool looksLikeMisp(const nlohmann::json &doc)
{
    if (doc.is_array())
        return !doc.empty() && looksLikeMisp(doc.front());
    return doc.is_object() && (doc.contains("Event") || doc.contains("response"));
}

Status readMispEvents(const nlohmann::json &doc, IntelFile &out)
{
    out.format = QStringLiteral("misp");
    Counts counts;
    QStringList producers;
    if (!out.producer.isEmpty())
        producers = out.producer.split(QStringLiteral(", "));
    std::vector<const nlohmann::json *> events;
    auto add = [&](const nlohmann::json &item) -> Status {
        if (!item.is_object() || !item.contains("Event"))
            return makeError(QStringLiteral("not a MISP event (no \"Event\" object)"));
        events.push_back(&item["Event"]);
        return {};
    };
    const nlohmann::json *list = &doc;
    if (doc.is_object() && doc.contains("response"))
        list = &doc["response"];
    if (list->is_array()) {
        for (const auto &item : *list)
            if (Status s = add(item); !s)
                return s;
    } else if (Status s = add(*list); !s) {
        return s;
    }
    for (const nlohmann::json *e : events)
        if (Status s = event(*e, out, counts, producers); !s)
            return s;
    for (const auto &[type, count] : counts.otherTypes)
        out.unsupported.push_back({QString(), type,
                                   QStringLiteral("%1 attribute(s) of type %2: not an address, "
                                                  "domain or URL")
                                           .arg(count)
                                           .arg(type)});
    out.producer = producers.join(QStringLiteral(", "));
    return {};
}

} // namespace netcase::intel
