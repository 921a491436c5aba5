#include "findingmembers.h"

#include "core/timeutil.h"

#include <algorithm>

namespace netcase {

namespace {

std::int64_t count(const nlohmann::json &m, const char *key)
{
    const auto it = m.find(key);
    return it != m.end() && it->is_number_integer() ? it->get<std::int64_t>() : -1;
}

QString text(const nlohmann::json &m, const char *key)
{
    const auto it = m.find(key);
    return it != m.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

std::int64_t time(const nlohmann::json &m, const char *key)
{
    const auto it = m.find(key);
    if (it == m.end() || !it->is_string())
        return 0;
    return parseIso(it->get<std::string>()).value_or(0);
}

} // namespace

FindingMembers findingMembers(const nlohmann::json &details)
{
    FindingMembers out;
    if (!details.is_object())
        return out;
    const auto list = details.find("members");
    if (list == details.end() || !list->is_array())
        return out;
    for (const auto &m : *list) {
        if (!m.is_object())
            continue;
        FindingMember row{text(m, "ip"),        count(m, "attempts"), count(m, "failures"),
                          count(m, "accounts"), time(m, "first"),     time(m, "last")};
        if (row.ip.isEmpty())
            continue;
        out.anyFailures = out.anyFailures || row.failures >= 0;
        out.anyAccounts = out.anyAccounts || row.accounts >= 0;
        out.rows.push_back(std::move(row));
    }
    out.total = std::max<std::int64_t>(std::int64_t(out.rows.size()),
                                       count(details, "members_total"));
    return out;
}

} // namespace netcase
