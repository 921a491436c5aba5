#include "egress.h"

#include "audit/auditlog.h"
#include "case/settingsstore.h"
#include "case/sqlite.h"
#include "core/ipaddr.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace netcase {

std::vector<EgressRange> Egress::load(const Database &db)
{
    std::vector<EgressRange> out;
    const auto stored = SettingsStore::get(db, QLatin1String(kSettingsKey));
    if (!stored)
        return out;
    const auto j = nlohmann::json::parse(*stored, nullptr, false);
    if (!j.is_array())
        return out;
    for (const auto &r : j) {
        if (!r.is_object() || !r.contains("cidr") || !r["cidr"].is_string())
            continue;
        const std::string cidr = r["cidr"].get<std::string>();
        if (validCidr(cidr))
            out.push_back({cidr, r.value("label", std::string())});
    }
    return out;
}

Result<std::vector<EgressRange>> Egress::parse(const std::string &text)
{
    std::vector<EgressRange> out;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (const auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        const auto begin = line.find_first_not_of(" \t\r");
        if (begin == std::string::npos)
            continue;
        const auto end = line.find_first_of(" \t\r", begin);
        std::string cidr = line.substr(begin, end == std::string::npos ? end : end - begin);
        std::string label;
        if (end != std::string::npos) {
            const auto lb = line.find_first_not_of(" \t\r", end);
            const auto le = line.find_last_not_of(" \t\r");
            if (lb != std::string::npos)
                label = line.substr(lb, le - lb + 1);
        }
        std::string canon;
        if (cidr.find('/') == std::string::npos && normaliseIp(cidr, canon))
            cidr = canon + (canon.find(':') == std::string::npos ? "/32" : "/128");
        if (!validCidr(cidr))
            return makeError(QStringLiteral("line %1: '%2' is not an address range "
                                            "(ADDRESS/BITS, e.g. 198.51.100.0/24)")
                                     .arg(n)
                                     .arg(QString::fromStdString(cidr)),
                             ErrorCode::Usage);
        out.push_back({cidr, label});
    }
    return out;
}

Status Egress::store(Database &db, const std::vector<EgressRange> &ranges, const QString &actor)
{
    nlohmann::json list = nlohmann::json::array();
    for (const EgressRange &r : ranges)
        list.push_back({{"cidr", r.cidr}, {"label", r.label}});
    Transaction txn(db);
    if (!txn.active())
        return makeError(QStringLiteral("cannot write to the case: %1").arg(db.lastError()),
                         ErrorCode::Locked);
    if (auto s = SettingsStore::put(db, QLatin1String(kSettingsKey), list.dump()); !s)
        return s;
    if (auto s = AuditLog::append(db, actor, QStringLiteral("egress.ranges"),
                                  {{"ranges", list}, {"count", ranges.size()}});
        !s)
        return s;
    return txn.commit();
}

const EgressRange *Egress::find(const std::vector<EgressRange> &ranges, const std::string &ip)
{
    for (const EgressRange &r : ranges)
        if (inCidr(ip, r.cidr))
            return &r;
    return nullptr;
}

} // namespace netcase
