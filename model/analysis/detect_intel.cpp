#include "detect_intel.h"

#include "context.h"

#include "core/timeutil.h"
#include "intel/intelmatch.h"

#include <QStringList>

#include <algorithm>
#include <map>

namespace netcase {

namespace {

constexpr std::int64_t kDayUs = 86400LL * 1000000;
constexpr std::int64_t kOldDays = 365;

std::string s(const QString &q)
{
    return q.toStdString();
}

/// What one indicator inside its window adds to the severity.
int weightOf(const intel::Indicator &ind, std::string &why)
{
    int w = 30 + (ind.confidence ? *ind.confidence * 2 / 5 : 15);
    why = ind.confidence ? "confidence " + std::to_string(*ind.confidence)
                         : std::string("no confidence given");
    if (ind.threatLevel == QLatin1String("High")) {
        w += 10;
        why += ", threat level High";
    } else if (ind.threatLevel == QLatin1String("Low")) {
        w -= 5;
        why += ", threat level Low";
    }
    if (ind.toIds && !*ind.toIds) {
        w -= 15;
        why += ", to_ids off (not meant for detection)";
    }
    if (ind.kind == intel::Kind::Ip && ind.value.contains(QLatin1Char('/'))) {
        w -= 10;
        why += ", a network rather than one address";
    }
    return std::clamp(w, kIntelOutsideWeight + 1, 80);
}

nlohmann::json optTime(const std::optional<std::int64_t> &t)
{
    return t ? nlohmann::json(formatIsoUs(*t)) : nlohmann::json();
}

nlohmann::json indicatorJson(const intel::IntelMatches &m, const intel::StoredIndicator &si)
{
    const intel::Indicator &i = si.ind;
    const intel::IntelSource *src = m.source(si.sourceId);
    nlohmann::json labels = nlohmann::json::array();
    for (const QString &l : i.labels)
        labels.push_back(s(l));
    nlohmann::json j = {{"id", si.id},
                        {"kind", intel::kindName(i.kind)},
                        {"value", s(i.value)},
                        {"external_id", s(i.externalId)},
                        {"name", s(i.name)},
                        {"producer", s(i.producer)},
                        {"source", src ? s(src->name) : std::string()},
                        {"source_sha256", src ? s(src->sha256) : std::string()},
                        {"format", src ? s(src->format) : std::string()},
                        {"confidence", i.confidence ? nlohmann::json(*i.confidence) : nullptr},
                        {"created", optTime(i.created)},
                        {"valid_from", optTime(i.validFrom)},
                        {"valid_until", optTime(i.validUntil)},
                        {"labels", labels}};
    if (i.toIds)
        j["to_ids"] = *i.toIds;
    if (!i.threatLevel.isEmpty())
        j["threat_level"] = s(i.threatLevel);
    return j;
}

} // namespace

std::vector<Finding> intelFindings(const intel::IntelMatches &m, const AnalysisContext *ctx)
{
    std::map<QString, std::vector<const intel::IntelHit *>> byValue;
    for (const intel::IntelHit &h : m.hits)
        byValue[h.value].push_back(&h);
    std::vector<Finding> out;
    for (const auto &[value, hits] : byValue) {
        Finding f;
        f.kind = "intel";
        f.rule = "intel";
        f.key = s(value);
        const bool isIp = hits.front()->field.endsWith(QLatin1String(".ip"));
        if (isIp)
            f.ips.insert(s(value));
        else
            f.hosts.insert(s(value));
        int best = 0;
        std::string bestWhy;
        QStringList producers, validProducers, fields;
        nlohmann::json indicators = nlohmann::json::array();
        std::map<std::int64_t, bool> seen;
        std::int64_t outside = 0, events = 0;
        for (const intel::IntelHit *h : hits) {
            const intel::StoredIndicator &si = m.indicators[h->indicator];
            for (std::int64_t id : h->eventIds)
                f.evidence.push_back(id);
            f.firstTs = f.firstTs ? std::min(f.firstTs, h->firstUs) : h->firstUs;
            f.lastTs = std::max(f.lastTs, h->lastUs);
            events += h->events;
            outside += h->notYetValid + h->expired;
            if (!fields.contains(h->field))
                fields << h->field;
            const QString producer
                    = si.ind.producer.isEmpty() ? QStringLiteral("(unnamed)") : si.ind.producer;
            if (!producers.contains(producer))
                producers << producer;
            if (h->valid > 0) {
                std::string why;
                const int w = weightOf(si.ind, why);
                if (w > best) {
                    best = w;
                    bestWhy = why + "; " + s(si.ind.context);
                }
                if (!validProducers.contains(producer))
                    validProducers << producer;
            }
            if (seen.emplace(si.id, true).second) {
                nlohmann::json j = indicatorJson(m, si);
                j["events"] = {{"valid", h->valid},
                               {"not_yet_valid", h->notYetValid},
                               {"expired", h->expired}};
                j["field"] = s(h->field);
                indicators.push_back(std::move(j));
                const std::optional<std::int64_t> made
                        = si.ind.created ? si.ind.created : si.ind.validFrom;
                if (made && h->firstUs - *made > kOldDays * kDayUs)
                    f.addCaveat("indicator_age",
                                "the indicator from " + s(producer) + " was made "
                                        + std::to_string((h->firstUs - *made) / kDayUs)
                                        + " days before these events: addresses and domains "
                                          "change hands");
                if (si.ind.kind == intel::Kind::Ip && si.ind.value.contains(QLatin1Char('/')))
                    f.addCaveat("network_indicator", "the indicator names the network "
                                                             + s(si.ind.value)
                                                             + ", not this address alone");
            }
        }
        f.title = (isIp                                                   ? "Address "
                   : hits.front()->field == QLatin1String("url.original") ? "URL "
                                                                          : "Domain ")
                  + s(value) + " is named by threat intelligence ("
                  + s(producers.join(QStringLiteral(", "))) + ")";
        if (best > 0) {
            f.addSignal("intel_indicator", best, bestWhy);
            if (validProducers.size() > 1)
                f.addSignal("intel_producers", std::min(10, 5 * int(validProducers.size() - 1)),
                            std::to_string(validProducers.size())
                                    + " producers name it within their validity");
        } else {
            f.addSignal("intel_outside_validity", kIntelOutsideWeight,
                        "every matching event is outside the indicators' validity windows; "
                        "this does not raise the severity");
        }
        if (outside > 0)
            f.addCaveat("outside_validity",
                        std::to_string(outside) + " of " + std::to_string(events)
                                + " matching events fall outside the indicator's validity "
                                  "window");
        if (ctx && isIp) {
            const AnalysisIp &info = ctx->data.ip(ctx->ipId(s(value)));
            if (info.dataCentre() || info.networkType == "hosting")
                f.addCaveat("shared_infrastructure",
                            s(value) + " is in a hosting, cloud or CDN network"
                                    + (info.asOrg.empty() ? std::string() : " (" + info.asOrg + ")")
                                    + ": many unrelated services share such addresses, the "
                                      "indicator may be about a neighbour");
        }
        f.details = {{"indicators", indicators},
                     {"fields", nlohmann::json::array()},
                     {"matched_value", s(value)}};
        for (const QString &fl : fields)
            f.details["fields"].push_back(s(fl));
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace netcase
