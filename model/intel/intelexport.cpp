#include "intelexport.h"

#include "indicator.h"

#include "audit/decisionstore.h"
#include "core/timeutil.h"

#include <QUuid>

#include <nlohmann/json.hpp>

namespace netcase::intel {

namespace {

// A fixed namespace for Netcase's UUID v5 ids.
const QUuid kNamespace(QStringLiteral("{6f1c8e1a-3b0e-4d2a-9a57-0c5e2f7d1b42}"));

std::string uuidFor(const QString &name)
{
    return QUuid::createUuidV5(kNamespace, name).toString(QUuid::WithoutBraces).toStdString();
}

struct Item
{
    Kind kind;
    QString value;
    const Decision *d;
};

QString citation(const Decision &d)
{
    return QStringLiteral("Netcase decision %1 (key %2, revision %3) by %4 at %5: verdict %6, "
                          "confidence %7. Rationale: %8")
            .arg(d.id)
            .arg(d.key)
            .arg(d.revision)
            .arg(d.analyst, d.createdAt, d.verdict, d.confidence, d.reasoning);
}

/// STIX's confidence scale for Low/Medium/High (STIX 2.1 appendix A).
int stixConfidence(const QString &c)
{
    return c == QLatin1String("high") ? 85 : c == QLatin1String("low") ? 15 : 50;
}

std::string stixTime(const QString &iso)
{
    const auto t = parseIso(iso.toStdString());
    return t ? formatIsoUs(*t) : iso.toStdString();
}

QString escapePattern(QString v)
{
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return v;
}

nlohmann::json stix(const std::vector<Item> &items)
{
    const std::string identity = "identity--" + uuidFor(QStringLiteral("netcase-identity"));
    auto objects = nlohmann::json::array();
    objects.push_back({{"type", "identity"},
                       {"spec_version", "2.1"},
                       {"id", identity},
                       {"created", "2026-01-01T00:00:00.000Z"},
                       {"modified", "2026-01-01T00:00:00.000Z"},
                       {"name", "Netcase"},
                       {"identity_class", "system"}});
    for (const Item &it : items) {
        const bool v6 = it.value.contains(QLatin1Char(':'));
        const QString path = it.kind == Kind::Domain ? QStringLiteral("domain-name:value")
                             : v6                    ? QStringLiteral("ipv6-addr:value")
                                                     : QStringLiteral("ipv4-addr:value");
        const std::string t = stixTime(it.d->createdAt);
        objects.push_back(
                {{"type", "indicator"},
                 {"spec_version", "2.1"},
                 {"id", "indicator--" + uuidFor(it.d->key + QLatin1Char('|') + it.value)},
                 {"created", t},
                 {"modified", t},
                 {"created_by_ref", identity},
                 {"name", QStringLiteral("Blocked by Netcase decision %1: %2")
                                  .arg(it.d->id)
                                  .arg(it.value)
                                  .toStdString()},
                 {"description", citation(*it.d).toStdString()},
                 {"indicator_types", {"malicious-activity"}},
                 {"labels", {"netcase-decision"}},
                 {"confidence", stixConfidence(it.d->confidence)},
                 {"pattern",
                  QStringLiteral("[%1 = '%2']").arg(path, escapePattern(it.value)).toStdString()},
                 {"pattern_type", "stix"},
                 {"valid_from", t}});
    }
    return {{"type", "bundle"},
            {"id", "bundle--" + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString()},
            {"objects", objects}};
}

nlohmann::json misp(const std::vector<Item> &items)
{
    const QString now = nowIso();
    const auto nowUs = parseIso(now.toStdString()).value_or(0);
    auto attrs = nlohmann::json::array();
    for (const Item &it : items) {
        const auto t = parseIso(it.d->createdAt.toStdString()).value_or(nowUs);
        attrs.push_back({{"uuid", uuidFor(it.d->key + QLatin1Char('|') + it.value)},
                         {"type", it.kind == Kind::Domain ? "domain" : "ip-src"},
                         {"category", "Network activity"},
                         {"value", it.value.toStdString()},
                         {"to_ids", true},
                         {"distribution", "5"},
                         {"timestamp", std::to_string(t / 1000000)},
                         {"comment", citation(*it.d).toStdString()},
                         {"Tag", {{{"name", "netcase:decision=\"block\""}}}}});
    }
    const nlohmann::json event
            = {{"uuid", QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString()},
               {"info", "Netcase: addresses and domains with a block decision"},
               {"date", now.left(10).toStdString()},
               {"timestamp", std::to_string(nowUs / 1000000)},
               {"threat_level_id", "2"},
               {"analysis", "2"},
               {"distribution", "0"},
               {"published", false},
               {"Orgc", {{"name", "Netcase"}}},
               {"Tag", {{{"name", "tlp:amber"}}}},
               {"Attribute", attrs}};
    return {{"Event", event}};
}

} // namespace

Result<ExportResult> exportDecisions(const Database &db, ExportFormat format)
{
    const std::vector<Decision> latest = DecisionStore::latest(db);
    std::vector<Item> items;
    ExportResult out;
    for (const Decision &d : latest) {
        if (d.verdict != QLatin1String("block"))
            continue;
        if (d.subject.type == QLatin1String("ip")) {
            if (auto v = canonicalNetwork(d.subject.value)) {
                items.push_back({Kind::Ip, *v, &d});
                continue;
            }
        } else if (d.subject.type == QLatin1String("host")) {
            if (auto v = canonicalDomain(d.subject.value)) {
                items.push_back({Kind::Domain, *v, &d});
                continue;
            }
        }
        ++out.skipped;
    }
    out.indicators = int(items.size());
    const nlohmann::json j = format == ExportFormat::Stix ? stix(items) : misp(items);
    out.json = QByteArray::fromStdString(
            j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    return out;
}

} // namespace netcase::intel
