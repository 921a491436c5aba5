#include "ecsdecorator.h"

#include "case/sqlite.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <unordered_map>

namespace netcase {

struct EcsDecorator::Impl
{
    explicit Impl(const Database &d)
        : db(d)
    {
        Statement names = db.prepare("SELECT id, name FROM enrich_sources");
        while (names.step())
            sourceNames[names.int64(0)] = std::string(names.textView(1));
        lookup = db.prepare(
                "SELECT i.address_class, i.country_iso, i.country_name, i.region, i.city, "
                "i.latitude, i.longitude, i.time_zone, i.asn, i.as_org, i.network_type, "
                "i.network_type_reason, i.is_tor, i.is_vpn, i.is_proxy, i.is_hosting, "
                "i.is_residential_proxy, i.lists, i.sources, i.accuracy_km, i.isp, "
                "i.is_anonymous FROM ips JOIN ip_info i ON i.ip_id = ips.id "
                "WHERE ips.ip = ? AND i.current = 1 ORDER BY i.id DESC LIMIT 1");
    }

    /// {"geo": ..., "as": ..., "netcase": ...} for one address; null when not enriched.
    const nlohmann::json &forIp(const std::string &ip);

    const Database &db;
    Statement lookup;
    std::map<std::int64_t, std::string> sourceNames;
    std::unordered_map<std::string, nlohmann::json> cache;
};

namespace {

void putText(nlohmann::json &j, const char *key, const Statement &st, int col)
{
    if (!st.isNull(col) && !st.textView(col).empty())
        j[key] = std::string(st.textView(col));
}

} // namespace

const nlohmann::json &EcsDecorator::Impl::forIp(const std::string &ip)
{
    if (auto it = cache.find(ip); it != cache.end())
        return it->second;
    nlohmann::json out;
    if (lookup.valid()) {
        lookup.reset();
        lookup.bind(1, std::string_view(ip));
        if (lookup.step()) {
            const Statement &st = lookup;
            nlohmann::json geo = nlohmann::json::object();
            putText(geo, "country_iso_code", st, 1);
            putText(geo, "country_name", st, 2);
            putText(geo, "region_name", st, 3);
            putText(geo, "city_name", st, 4);
            if (!st.isNull(5) && !st.isNull(6))
                geo["location"] = {{"lat", st.real(5)}, {"lon", st.real(6)}};
            putText(geo, "timezone", st, 7);
            nlohmann::json as = nlohmann::json::object();
            if (!st.isNull(8))
                as["number"] = st.int64(8);
            if (!st.isNull(9))
                as["organization"]["name"] = std::string(st.textView(9));
            nlohmann::json nc = {{"address_class", std::string(st.textView(0))},
                                 {"network_type", std::string(st.textView(10))},
                                 {"network_type_reason", std::string(st.textView(11))},
                                 {"anonymous", st.int64(21) != 0},
                                 {"tor", st.int64(12) != 0},
                                 {"vpn", st.int64(13) != 0},
                                 {"proxy", st.int64(14) != 0},
                                 {"hosting", st.int64(15) != 0},
                                 {"residential_proxy", st.int64(16) != 0}};
            if (!st.isNull(19))
                nc["accuracy_km"] = st.int64(19);
            putText(nc, "isp", st, 20);
            nc["lists"] = nlohmann::json::array();
            const auto lists = nlohmann::json::parse(st.textView(17), nullptr, false);
            if (lists.is_array())
                for (const auto &l : lists)
                    if (l.is_object() && l.contains("name"))
                        nc["lists"].push_back(l["name"]);
            nc["sources"] = nlohmann::json::array();
            const auto used = nlohmann::json::parse(st.textView(18), nullptr, false);
            if (used.is_array())
                for (const auto &id : used)
                    if (id.is_number_integer())
                        if (auto n = sourceNames.find(id.get<std::int64_t>());
                            n != sourceNames.end())
                            nc["sources"].push_back(n->second);
            out = nlohmann::json::object();
            if (!geo.empty())
                out["geo"] = std::move(geo);
            if (!as.empty())
                out["as"] = std::move(as);
            out["netcase"] = std::move(nc);
        }
    }
    return cache.emplace(ip, std::move(out)).first->second;
}

EcsDecorator::EcsDecorator(const Database &db)
    : d(std::make_unique<Impl>(db))
{}

EcsDecorator::~EcsDecorator() = default;

void EcsDecorator::decorate(nlohmann::json &doc)
{
    // Events streamed by `netcase events` can number millions; the cache keeps one lookup per
    // distinct address. Cases are bounded by their distinct addresses, so the cache is too.
    for (const char *side : {"source", "client"}) {
        auto it = doc.find(side);
        if (it == doc.end() || !it->is_object() || !it->contains("ip"))
            continue;
        const nlohmann::json &ipValue = (*it)["ip"];
        if (!ipValue.is_string())
            continue;
        const nlohmann::json &e = d->forIp(ipValue.get<std::string>());
        if (e.is_null())
            continue;
        if (e.contains("geo"))
            (*it)["geo"] = e["geo"];
        if (e.contains("as"))
            (*it)["as"] = e["as"];
        // Netcase's own flags for the connecting address live under netcase.ip.
        if (std::string(side) == "source")
            doc["netcase"]["ip"] = e["netcase"];
    }
}

} // namespace netcase
