#include "context.h"

#include "finding.h"
#include "rules.h"

#include <map>

namespace netcase {

namespace {

constexpr std::int64_t kDayUs = 86400LL * 1000000;

bool isCgnat(const std::string &ip)
{
    if (ip.rfind("100.", 0) != 0)
        return false;
    const int second = std::atoi(ip.c_str() + 4);
    return second >= 64 && second <= 127;
}

} // namespace

AnalysisContext::AnalysisContext(const Dataset &d, const Rules &r)
    : data(d)
    , rules(r)
{
    std::unordered_set<std::uint64_t> ipUser;
    std::unordered_map<std::int32_t, std::map<std::string, int>> countries;
    std::unordered_set<std::uint64_t> netDays;
    for (const Ev &e : d.events) {
        if (!e.user || !e.ip)
            continue;
        // Shared addresses are judged by the accounts that really signed in from them: a
        // stuffing source tries many accounts without being shared by anyone.
        if (e.success() && ipUser.insert(pair(e.ip, e.user)).second)
            ++m_accountsOnIp[e.ip];
        const IpInfo &info = d.ip(e.ip);
        m_families[e.user] |= info.family == 6 ? 2 : 1;
        if ((e.flags & kAuth) && e.success() && !info.country.empty())
            ++countries[e.user][info.country];
        // Count days per (account, network) once per day.
        const std::int64_t day = e.ts / kDayUs;
        const std::int64_t net = networkKey(e.ip);
        if (netDays.insert(pair(e.user, net * 40000 + day)).second)
            ++m_daysOnNetwork[pair(e.user, net)];
    }
    for (const auto &[user, hist] : countries) {
        int best = 0;
        for (const auto &[c, n] : hist) {
            if (n > best) {
                best = n;
                m_homeCountry[user] = c;
            }
        }
    }
    for (std::size_t i = 1; i < d.ips.size(); ++i)
        m_ipIds.emplace(d.ips[i].ip, std::int32_t(i));
    std::unordered_set<std::int32_t> users;
    for (const Ev &e : d.events)
        if (e.user && users.insert(e.user).second)
            m_userIds.emplace(d.str(e.user), e.user);
}

std::int64_t AnalysisContext::networkKey(std::int32_t ip) const
{
    // An ASN stands for the network when known; otherwise the address itself (negative).
    const IpInfo &info = data.ip(ip);
    return info.asn > 0 ? info.asn : -std::int64_t(ip);
}

int AnalysisContext::accountsOnIp(std::int32_t ip) const
{
    const auto it = m_accountsOnIp.find(ip);
    return it == m_accountsOnIp.end() ? 0 : it->second;
}

std::string AnalysisContext::homeCountry(std::int32_t user) const
{
    const auto it = m_homeCountry.find(user);
    return it == m_homeCountry.end() ? std::string() : it->second;
}

bool AnalysisContext::usesBothFamilies(std::int32_t user) const
{
    const auto it = m_families.find(user);
    return it != m_families.end() && it->second == 3;
}

int AnalysisContext::daysOnNetwork(std::int32_t user, std::int32_t ip) const
{
    const auto it = m_daysOnNetwork.find(pair(user, networkKey(ip)));
    return it == m_daysOnNetwork.end() ? 0 : it->second;
}

std::int32_t AnalysisContext::ipId(const std::string &ip) const
{
    const auto it = m_ipIds.find(ip);
    return it == m_ipIds.end() ? 0 : it->second;
}

std::int32_t AnalysisContext::userId(const std::string &user) const
{
    const auto it = m_userIds.find(user);
    return it == m_userIds.end() ? 0 : it->second;
}

void AnalysisContext::addEvent(Finding &f, const Ev &e) const
{
    f.addEvidence(e.id, e.ts);
    if (e.ip) {
        f.ips.insert(data.ip(e.ip).ip);
        if (data.ip(e.ip).asn > 0)
            f.asns.insert(data.ip(e.ip).asn);
    }
    if (e.user)
        f.accounts.insert(data.str(e.user));
    if (e.host)
        f.hosts.insert(data.str(e.host));
}

void AnalysisContext::addCaveats(Finding &f) const
{
    int seen = 0;
    for (const std::string &ipText : f.ips) {
        if (++seen > 20)
            break;
        const std::int32_t ip = ipId(ipText);
        const IpInfo &info = data.ip(ip);
        const int accounts = accountsOnIp(ip);
        if (accounts >= 5)
            f.addCaveat("shared_ip",
                        std::to_string(accounts) + " accounts use " + ipText
                                + ": an office, school, carrier NAT, VPN or shared workspace "
                                  "puts many people behind one address");
        if (isCgnat(ipText) || info.networkType == "cellular" || info.networkType == "mobile")
            f.addCaveat("cgnat", ipText
                                         + " is a carrier (CGNAT or mobile) address: many "
                                           "subscribers share it and its location is coarse");
        if (info.dataCentre())
            f.addCaveat("data_centre",
                        ipText + " is in a data-centre network"
                                + (info.asOrg.empty() ? std::string() : " (" + info.asOrg + ")")
                                + ": automation or abuse, but also a developer or a service "
                                  "integration");
        if (info.anonymiser())
            f.addCaveat("anonymiser",
                        ipText + " is a "
                                + (info.tor   ? "Tor exit"
                                   : info.vpn ? "VPN"
                                              : "proxy")
                                + ": the address does not identify the person behind it");
        if (!info.enriched)
            f.addCaveat("not_enriched", ipText
                                                + " has no enrichment: its country and "
                                                  "network are unknown");
        for (const std::string &account : f.accounts) {
            const std::string home = homeCountry(userId(account));
            if (!home.empty() && !info.country.empty() && home != info.country) {
                f.addCaveat("different_country",
                            ipText + " geolocates to " + info.country + " while " + account
                                    + " usually signs in from " + home
                                    + ": travel, a corporate VPN, a proxy, stale geolocation "
                                      "or a compromise");
                break;
            }
        }
    }
    for (const std::string &account : f.accounts) {
        if (usesBothFamilies(userId(account))) {
            f.addCaveat("ipv4_ipv6_switching",
                        account
                                + " uses both IPv4 and IPv6: one client can appear under two "
                                  "unrelated-looking addresses");
            break;
        }
    }
}

} // namespace netcase
