#include "cloudsessions.h"

#include "dataset.h"

#include "case/sqlite.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace netcase {

bool isTemporaryAwsKey(const std::string &s)
{
    return s.size() == 20 && s.rfind("ASIA", 0) == 0 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
           });
}

std::string roleSessionName(const std::string &arn)
{
    const std::string marker = ":assumed-role/";
    const auto at = arn.find(marker);
    if (at == std::string::npos)
        return {};
    const auto slash = arn.find('/', at + marker.size());
    return slash == std::string::npos ? std::string() : arn.substr(slash + 1);
}

void loadCloudSessions(const Database &db, Dataset &d)
{
    std::vector<char> temporary(d.strs.size(), 0);
    bool any = false;
    for (std::size_t i = 0; i < d.strs.size(); ++i) {
        // Cheap test first: most strings are not 20 characters long.
        if (d.strs[i].size() == 20 && isTemporaryAwsKey(d.strs[i])) {
            temporary[i] = 1;
            any = true;
        }
    }
    if (!any)
        return;
    std::unordered_map<std::int64_t, std::size_t> wanted;
    std::int64_t lo = 0;
    std::int64_t hi = -1;
    for (std::size_t i = 0; i < d.events.size(); ++i) {
        const Ev &e = d.events[i];
        if (e.session <= 0 || std::size_t(e.session) >= temporary.size()
            || !temporary[std::size_t(e.session)])
            continue;
        wanted.emplace(e.id, i);
        lo = wanted.size() == 1 ? e.id : std::min(lo, e.id);
        hi = std::max(hi, e.id);
    }
    if (wanted.empty())
        return;
    Statement st
            = db.prepare("SELECT id, source_domain, labels FROM events WHERE id BETWEEN ? AND ?");
    st.bind(1, lo).bind(2, hi);
    while (st.step()) {
        const auto it = wanted.find(st.int64(0));
        if (it == wanted.end())
            continue;
        const Ev &e = d.events[it->second];
        if (!e.ip && !st.isNull(1))
            d.cloudServiceOrigin[e.id] = std::int32_t(st.int64(1));
        if (st.isNull(2) || d.cloudSessionArn.count(e.session))
            continue;
        const auto labels = nlohmann::json::parse(st.textView(2), nullptr, false);
        if (labels.is_object() && labels.contains("identity_arn")
            && labels["identity_arn"].is_string())
            d.cloudSessionArn[e.session] = labels["identity_arn"].get<std::string>();
    }
}

} // namespace netcase
