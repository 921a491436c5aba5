#include "surges.h"

#include "detect.h"
#include "rules.h"

#include "case/sqlite.h"

#include <nlohmann/json.hpp>

#include <map>
#include <unordered_set>

namespace netcase {

std::vector<Surge> findSurges(const Dataset &d, const Rules &rules)
{
    std::vector<Surge> out;
    if (!rules.enabled("ddos"))
        return out;
    const auto windowUs
            = std::int64_t(rules.num("ddos", "window_s", 60) * double(detail::kSecondUs));
    const auto minSources = std::size_t(rules.num("ddos", "min_sources", 100));
    const auto minRequests = std::size_t(rules.num("ddos", "min_requests", 1000));
    const auto &ev = d.events;
    // (target, window) -> events; the target is the destination address, else the host.
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::size_t>> buckets;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const Ev &e = ev[i];
        if (!(e.flags & (kWeb | kFlow)) || !e.ip)
            continue;
        const std::int64_t target = e.dstIp ? e.dstIp : -std::int64_t(e.host);
        buckets[{target, e.ts / windowUs}].push_back(i);
    }
    std::pair<std::int64_t, std::int64_t> last{0, -2};
    std::unordered_set<std::int32_t> sources;
    for (const auto &[k, idx] : buckets) {
        if (idx.size() < minRequests)
            continue;
        sources.clear();
        for (std::size_t i : idx)
            sources.insert(ev[i].ip);
        if (sources.size() < minSources)
            continue;
        if (out.empty() || k.first != last.first || k.second != last.second + 1) {
            out.emplace_back();
            out.back().firstWindow = k.second;
        }
        last = k;
        out.back().lastWindow = k.second;
        out.back().idx.insert(out.back().idx.end(), idx.begin(), idx.end());
    }
    return out;
}

void loadSurgeReferrers(const Database &db, Dataset &d, const Rules &rules)
{
    std::unordered_set<std::int64_t> ids;
    for (const Surge &s : findSurges(d, rules))
        for (std::size_t i : s.idx)
            if (d.events[i].flags & kWeb)
                ids.insert(d.events[i].id);
    if (ids.empty())
        return;
    const ChosenEvents wanted = chooseEvents(d, [&ids](const Ev &e) { return ids.count(e.id); });
    Statement st = db.prepare("SELECT id, labels FROM events WHERE id BETWEEN ? AND ?");
    st.bind(1, wanted.lo).bind(2, wanted.hi);
    while (st.step()) {
        const std::int64_t id = st.int64(0);
        if (!wanted.byId.count(id))
            continue;
        bool named = false;
        if (!st.isNull(1)) {
            const auto labels = nlohmann::json::parse(st.textView(1), nullptr, false);
            if (labels.is_object()) {
                const auto r = labels.find("http_referrer");
                named = r != labels.end() && r->is_string() && !r->get<std::string>().empty()
                        && r->get<std::string>() != "-";
            }
        }
        d.referrer[id] = named;
    }
}

} // namespace netcase
