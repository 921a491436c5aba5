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
    const ChosenEvents wanted = chooseEvents(d, [&temporary](const Ev &e) {
        return e.session > 0 && std::size_t(e.session) < temporary.size()
               && temporary[std::size_t(e.session)];
    });
    if (wanted.byId.empty())
        return;
    Statement st
            = db.prepare("SELECT id, source_domain, labels FROM events WHERE id BETWEEN ? AND ?");
    st.bind(1, wanted.lo).bind(2, wanted.hi);
    while (st.step()) {
        const auto it = wanted.byId.find(st.int64(0));
        if (it == wanted.byId.end())
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
