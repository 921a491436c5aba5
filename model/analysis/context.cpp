#include "context.h"

#include "finding.h"
#include "rules.h"

#include "enrich/caveats.h"

#include <algorithm>

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
    byUser = Grouping::build(d.events, d.strs.size(), [](const Ev &e) { return e.user; });
    byIp = Grouping::build(d.events, d.ips.size(), [](const Ev &e) { return e.ip; });
    std::unordered_map<std::int64_t, std::int32_t> asnNetworks;
    m_network.assign(d.ips.size(), 0);
    for (std::size_t i = 1; i < d.ips.size(); ++i) {
        const std::int64_t asn = d.ips[i].asn;
        m_network[i] = asn > 0 ? asnNetworks.emplace(asn, std::int32_t(i)).first->second
                               : std::int32_t(i);
    }
    countAddresses();
    countUsers();
    for (std::size_t i = 1; i < d.ips.size(); ++i)
        m_ipIds.emplace(d.ips[i].ip, std::int32_t(i));
}

void AnalysisContext::countAddresses()
{
    // Shared addresses are judged by the accounts that really signed in from them: a stuffing
    // source tries many accounts without being shared by anyone.
    const auto &ev = data.events;
    m_accountsOnIp.assign(byIp.keys(), 0);
    m_daysOnIp.assign(byIp.keys(), 0);
    std::vector<std::int32_t> seenOn(data.strs.size(), 0); // account -> last address counted
    for (std::size_t ip = 1; ip < byIp.keys(); ++ip) {
        int n = 0;
        int days = 0;
        std::int64_t lastDay = -1;
        std::int64_t balance = 0; // successes minus failures of sign-ins
        byIp.forEach(ev, std::int64_t(ip), [&](const Ev &e) {
            if (e.flags & kAuth)
                balance += e.success() ? 1 : e.failure() ? -1 : 0;
            if (e.user <= 0 || std::size_t(e.user) >= seenOn.size() || !e.success())
                return;
            if (e.ts / kDayUs != lastDay) { // an address's events are in time order
                lastDay = e.ts / kDayUs;
                ++days;
            }
            if (seenOn[std::size_t(e.user)] != std::int32_t(ip)) {
                seenOn[std::size_t(e.user)] = std::int32_t(ip);
                ++n;
            }
        });
        // An address that mostly fails to sign in (a stuffing source with some hits) is no
        // organisation's egress, however many accounts it got into.
        m_daysOnIp[ip] = balance >= 0 ? days : 0;
        m_accountsOnIp[ip] = n;
    }
}

void AnalysisContext::countUsers()
{
    const auto &ev = data.events;
    m_homeCountry.assign(byUser.keys(), nullptr);
    m_families.assign(byUser.keys(), 0);
    m_signedIn.assign(byUser.keys(), 0);
    // Per network: the last day the current account used it and on how many days it did. The
    // events of one account are in time order, so a new day is a day not counted yet.
    std::vector<std::int32_t> owner(data.ips.size(), 0);
    std::vector<std::int64_t> lastDay(data.ips.size(), -1);
    std::vector<int> days(data.ips.size(), 0);
    std::vector<std::int32_t> usedNetworks;
    std::vector<std::pair<const std::string *, int>> countries;
    for (std::size_t user = 1; user < byUser.keys(); ++user) {
        const auto idx = byUser[std::int64_t(user)];
        if (idx.empty())
            continue;
        m_userIds.emplace(data.strs[user], std::int32_t(user));
        usedNetworks.clear();
        countries.clear();
        std::uint8_t families = 0;
        byUser.forEach(ev, std::int64_t(user), [&](const Ev &e) {
            if ((e.flags & kAuth) && !(e.flags & kSsh) && e.success())
                m_signedIn[user] = 1;
            if (!e.ip)
                return;
            const AnalysisIp &info = data.ip(e.ip);
            families |= info.family == 6 ? 2 : 1;
            if ((e.flags & kAuth) && e.success() && !info.country.empty()) {
                auto c = std::find_if(countries.begin(), countries.end(),
                                      [&](const auto &p) { return *p.first == info.country; });
                if (c == countries.end())
                    countries.emplace_back(&info.country, 1);
                else
                    ++c->second;
            }
            if (e.ip < 0 || std::size_t(e.ip) >= m_network.size())
                return;
            const auto net = std::size_t(m_network[std::size_t(e.ip)]);
            const std::int64_t day = e.ts / kDayUs;
            if (owner[net] != std::int32_t(user)) {
                owner[net] = std::int32_t(user);
                lastDay[net] = day;
                days[net] = 1;
                usedNetworks.push_back(std::int32_t(net));
            } else if (lastDay[net] != day) {
                lastDay[net] = day;
                ++days[net];
            }
        });
        m_families[user] = families;
        for (const std::int32_t net : usedNetworks)
            m_daysOnNetwork.emplace(pair(std::int32_t(user), net), days[std::size_t(net)]);
        // The most frequent country; on a tie the first in alphabetical order.
        const std::string *best = nullptr;
        int bestCount = 0;
        for (const auto &[c, n] : countries) {
            if (n > bestCount || (n == bestCount && *c < *best)) {
                best = c;
                bestCount = n;
            }
        }
        m_homeCountry[user] = best;
    }
}

bool AnalysisContext::signedIn(std::int32_t user) const
{
    return user > 0 && std::size_t(user) < m_signedIn.size() && m_signedIn[std::size_t(user)];
}

int AnalysisContext::accountsOnIp(std::int32_t ip) const
{
    return (ip > 0 && std::size_t(ip) < m_accountsOnIp.size()) ? m_accountsOnIp[std::size_t(ip)]
                                                               : 0;
}

std::string AnalysisContext::homeCountry(std::int32_t user) const
{
    return (user > 0 && std::size_t(user) < m_homeCountry.size()
            && m_homeCountry[std::size_t(user)])
                   ? *m_homeCountry[std::size_t(user)]
                   : std::string();
}

bool AnalysisContext::usesBothFamilies(std::int32_t user) const
{
    return user > 0 && std::size_t(user) < m_families.size() && m_families[std::size_t(user)] == 3;
}

int AnalysisContext::daysOnNetwork(std::int32_t user, std::int32_t ip) const
{
    if (ip <= 0 || std::size_t(ip) >= m_network.size())
        return 0;
    const auto it = m_daysOnNetwork.find(pair(user, m_network[std::size_t(ip)]));
    return it == m_daysOnNetwork.end() ? 0 : it->second;
}

std::string AnalysisContext::egressReason(std::int32_t ip) const
{
    const AnalysisIp &info = data.ip(ip);
    if (info.listedEgress)
        return "listed as the organisation's egress: " + info.egressLabel;
    if (!rules.enabled("shared_egress") || ip <= 0 || std::size_t(ip) >= m_daysOnIp.size())
        return {};
    const int accounts = m_accountsOnIp[std::size_t(ip)];
    const int days = m_daysOnIp[std::size_t(ip)];
    if (accounts >= int(rules.num("shared_egress", "min_accounts", 10))
        && days >= int(rules.num("shared_egress", "min_days", 3)))
        return "a shared egress (" + std::to_string(accounts) + " accounts signed in from it on "
               + std::to_string(days) + " days: an office or a corporate VPN)";
    return {};
}

void AnalysisContext::mitigateEgress(Finding &f,
                                     std::initializer_list<std::int32_t> ips,
                                     const char *weightKey) const
{
    for (const std::int32_t ip : ips) {
        const std::string why = egressReason(ip);
        if (why.empty())
            continue;
        f.addSignal("corporate_egress", int(rules.num("shared_egress", weightKey, -25)),
                    data.ip(ip).ip + " is " + why);
        f.details["egress"] = data.ip(ip).ip;
        return;
    }
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
        const AnalysisIp &info = data.ip(ip);
        const int accounts = accountsOnIp(ip);
        // The sentences about the address are the IP details pane's (caveats.h), after the
        // address they are about.
        const auto about = [&](const QString &sentence) {
            return ipText + " — " + sentence.toStdString();
        };
        if (accounts >= 5)
            f.addCaveat("shared_ip", about(caveat::sharedByAccounts(QString::number(accounts))));
        if (isCgnat(ipText))
            f.addCaveat("cgnat", about(caveat::addressClass(QStringLiteral("cgnat"))));
        else if (info.networkType == "cellular" || info.networkType == "mobile")
            f.addCaveat("cgnat", about(caveat::mobileNetwork()));
        if (info.dataCentre())
            f.addCaveat("data_centre", about(caveat::hosting(QString::fromStdString(info.asOrg))));
        if (info.anonymiser())
            f.addCaveat("anonymiser", about(info.tor                 ? caveat::torExit()
                                            : info.vpn || info.proxy ? caveat::vpnOrProxy()
                                                                     : caveat::residentialProxy()));
        // Enriched without a place or a network is as good as not enriched: the finding's
        // reading of the address rests on nothing.
        const bool internal = info.addressClass == "private" || info.addressClass == "loopback";
        if (!info.enriched || (!internal && !info.hasGeo && info.country.empty() && info.asn <= 0))
            f.addCaveat("not_enriched", about(caveat::notEnriched()));
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
