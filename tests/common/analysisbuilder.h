#pragma once

// Small in-memory analysis datasets for the detection tests: interned strings, addresses with
// their enrichment and events, classified and analysed as a case's would be.

#include "analysis/analyzer.h"
#include "analysis/dataset.h"

#include <map>
#include <string>
#include <vector>

namespace netcase::test {

constexpr std::int64_t kS = 1000000;

class Builder
{
public:
    std::int32_t str(const std::string &s)
    {
        if (s.empty())
            return 0;
        auto [it, inserted] = m_strs.emplace(s, std::int32_t(data.strs.size()));
        if (inserted)
            data.strs.push_back(s);
        return it->second;
    }
    std::int32_t ip(const std::string &a,
                    const std::string &country = {},
                    double lat = 0,
                    double lon = 0,
                    std::int64_t asn = 0,
                    int family = 4,
                    const std::string &type = "residential")
    {
        auto [it, inserted] = m_ips.emplace(a, std::int32_t(data.ips.size()));
        if (inserted) {
            AnalysisIp i;
            i.ip = a;
            i.family = family;
            i.enriched = !country.empty();
            i.hasGeo = !country.empty();
            i.country = country;
            i.lat = lat;
            i.lon = lon;
            i.accuracyKm = 10;
            i.asn = asn;
            i.networkType = type;
            i.hosting = type == "hosting";
            data.ips.push_back(i);
        }
        return it->second;
    }
    AnalysisIp &info(const std::string &a) { return data.ips[std::size_t(m_ips.at(a))]; }
    Ev &add(std::int64_t tsS,
            const std::string &category,
            const std::string &action,
            std::int32_t ip,
            const std::string &user,
            int outcome)
    {
        Ev e;
        e.id = std::int64_t(data.events.size()) + 1;
        e.ts = tsS * kS;
        e.category = str(category);
        e.action = str(action);
        e.ip = ip;
        e.user = str(user);
        e.outcome = std::uint8_t(outcome);
        data.events.push_back(e);
        return data.events.back();
    }
    std::vector<Finding> run(const Rules &rules)
    {
        data.sortByTime();
        data.classify(rules);
        return Analyzer::detect(data, rules);
    }

    Dataset data;

private:
    std::map<std::string, std::int32_t> m_strs;
    std::map<std::string, std::int32_t> m_ips;
};

inline Builder fresh()
{
    Builder b;
    b.data.strs.emplace_back();
    b.data.ips.emplace_back();
    return b;
}

inline std::vector<const Finding *> ofKind(const std::vector<Finding> &all, const std::string &kind)
{
    std::vector<const Finding *> out;
    for (const Finding &f : all)
        if (f.kind == kind)
            out.push_back(&f);
    return out;
}
// The pointers point into `all`: a temporary would leave them dangling (ASan caught one).
std::vector<const Finding *> ofKind(std::vector<Finding> &&all, const std::string &kind) = delete;

} // namespace netcase::test
