#include "factorprefill.h"

#include "case/sqlite.h"

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

QString firstString(const nlohmann::json &j, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        auto it = j.find(k);
        if (it != j.end() && it->is_string() && !it->get<std::string>().empty())
            return QString::fromStdString(it->get<std::string>());
    }
    return {};
}

std::vector<std::int64_t> ids(const nlohmann::json &j, std::initializer_list<const char *> keys)
{
    std::vector<std::int64_t> out;
    for (const char *k : keys) {
        auto it = j.find(k);
        if (it == j.end() || !it->is_array())
            continue;
        for (const auto &v : *it) {
            if (v.is_number_integer())
                out.push_back(v.get<std::int64_t>());
        }
    }
    return out;
}

/// A readable label for a provenance entry: the id of a row in enrich_sources (as the enricher
/// writes it), or already a name.
QString sourceLabel(const Database &db, const nlohmann::json &ref)
{
    if (ref.is_string())
        return QString::fromStdString(ref.get<std::string>());
    if (!ref.is_number_integer())
        return {};
    const std::int64_t id = ref.get<std::int64_t>();
    Statement st = db.prepare("SELECT name, build_date FROM enrich_sources WHERE id = ?");
    st.bind(1, id);
    if (!st.valid() || !st.step())
        return QStringLiteral("source %1").arg(id);
    const QString date = st.text(1);
    return date.isEmpty() ? st.text(0) : QStringLiteral("%1 (%2)").arg(st.text(0), date);
}

} // namespace

std::vector<EnrichmentValue> FactorPrefill::enrichmentFor(const Database &db, const QString &ip)
{
    std::vector<EnrichmentValue> out;
    Statement st = db.prepare(
            "SELECT i.country_iso, i.asn, i.as_org, i.network_type, i.is_anonymous, i.is_tor, "
            "i.is_vpn, i.is_proxy, i.is_hosting, i.lists, i.provenance, i.sources "
            "FROM ip_info i JOIN ips ON ips.id = i.ip_id WHERE ips.ip = ? AND i.current = 1 "
            "ORDER BY i.id DESC LIMIT 1");
    if (!st.valid())
        return out;
    st.bind(1, ip);
    if (!st.step())
        return out;
    const auto provenance = nlohmann::json::parse(st.textView(10), nullptr, false);
    auto source = [&](std::initializer_list<const char *> names) -> QString {
        if (!provenance.is_object())
            return {};
        for (const char *n : names) {
            if (auto it = provenance.find(n); it != provenance.end())
                return sourceLabel(db, *it);
        }
        return {};
    };
    auto add = [&](const char *field, const QString &value,
                   std::initializer_list<const char *> provenanceNames) {
        if (!value.isEmpty())
            out.push_back({ip, QLatin1String(field), value, source(provenanceNames)});
    };
    if (!st.isNull(0))
        add("source.geo.country_iso_code", st.text(0), {"geo.country_iso_code", "geo.country"});
    if (!st.isNull(1) && st.int64(1) >= 0)
        add("source.as.number", QString::number(st.int64(1)), {"as.number"});
    if (!st.isNull(2))
        add("source.as.organization.name", st.text(2), {"as.organization.name", "as.number"});
    if (!st.isNull(3))
        add("network.type", st.text(3), {"network.type", "network_type"});
    const char *flags[] = {"anonymous", "tor", "vpn", "proxy", "hosting"};
    for (int i = 0; i < 5; ++i) {
        if (st.int64(4 + i) == 0)
            continue;
        const std::string name = std::string("flags.") + flags[i];
        add(name.c_str(), QStringLiteral("true"), {name.c_str()});
    }
    const auto lists = nlohmann::json::parse(st.textView(9), nullptr, false);
    if (lists.is_array()) {
        // The enricher writes {"name", "category", "source": enrich_sources id} per membership.
        for (const auto &l : lists) {
            if (!l.is_object() || !l.contains("name") || !l["name"].is_string())
                continue;
            QString value = QString::fromStdString(l["name"].get<std::string>());
            if (l.contains("category") && l["category"].is_string())
                value += QStringLiteral(" (%1)").arg(
                        QString::fromStdString(l["category"].get<std::string>()));
            out.push_back({ip, QStringLiteral("list"), value,
                           l.contains("source") ? sourceLabel(db, l["source"]) : QString()});
        }
    }
    return out;
}

std::vector<std::int64_t> FactorPrefill::findingsFor(const Database &db, const Subject &subject)
{
    std::vector<std::int64_t> out;
    if (subject.type == QLatin1String("finding")) {
        Statement st = db.prepare("SELECT id FROM findings WHERE id = ?");
        st.bind(1, std::int64_t(subject.value.toLongLong()));
        if (st.valid() && st.step())
            out.push_back(st.int64(0));
        return out;
    }
    // finding_entities.type: singular (ip) as written by the analysis; plurals read defensively.
    Statement st = db.prepare("SELECT DISTINCT f.id FROM finding_entities e JOIN findings f ON "
                              "f.id = e.finding_id WHERE e.type IN (?, ?) AND e.value = ? "
                              "ORDER BY f.severity DESC, f.id");
    if (!st.valid())
        return out;
    st.bind(1, subject.type).bind(2, subject.type + QLatin1Char('s')).bind(3, subject.value);
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

std::vector<Factor>
FactorPrefill::forSubject(const Database &db, const Subject &subject, int maxEvidence)
{
    std::vector<Factor> out;
    for (const std::int64_t findingId : findingsFor(db, subject)) {
        Statement f = db.prepare("SELECT title, signals FROM findings WHERE id = ?");
        f.bind(1, findingId);
        if (!f.valid() || !f.step())
            continue;
        const QString title = f.text(0);
        const auto signalList = nlohmann::json::parse(f.textView(1), nullptr, false);

        std::vector<std::int64_t> evidence;
        Statement ev = db.prepare("SELECT event_id FROM finding_evidence WHERE finding_id = ? "
                                  "ORDER BY event_id LIMIT ?");
        ev.bind(1, findingId).bind(2, maxEvidence);
        while (ev.valid() && ev.step())
            evidence.push_back(ev.int64(0));

        std::vector<EnrichmentValue> enrichment;
        Statement ips = db.prepare("SELECT value FROM finding_entities WHERE finding_id = ? AND "
                                   "type IN ('ip', 'ips') ORDER BY value LIMIT 20");
        ips.bind(1, findingId);
        while (ips.valid() && ips.step()) {
            for (EnrichmentValue &e : enrichmentFor(db, ips.text(0)))
                enrichment.push_back(std::move(e));
        }

        auto make = [&](QString text, QString signal, std::vector<std::int64_t> own) {
            Factor factor;
            factor.text = std::move(text);
            factor.signal = std::move(signal);
            factor.findingId = findingId;
            factor.evidence = own.empty() ? evidence : std::move(own);
            if (int(factor.evidence.size()) > maxEvidence)
                factor.evidence.resize(std::size_t(maxEvidence));
            factor.enrichment = enrichment;
            out.push_back(std::move(factor));
        };
        bool any = false;
        if (signalList.is_array()) {
            for (const auto &s : signalList) {
                if (s.is_string() && !s.get<std::string>().empty()) {
                    make(QString::fromStdString(s.get<std::string>()), {}, {});
                    any = true;
                } else if (s.is_object()) {
                    QString text = firstString(
                            s, {"text", "description", "summary", "label", "detail", "name", "id"});
                    if (text.isEmpty())
                        continue;
                    make(text, firstString(s, {"id", "signal", "name", "kind"}),
                         ids(s, {"evidence", "event_ids", "events"}));
                    any = true;
                }
            }
        }
        if (!any) // a finding without readable signals still stands as one factor
            make(title.isEmpty() ? QStringLiteral("finding %1").arg(findingId) : title, {}, {});
    }
    return out;
}

} // namespace netcase
