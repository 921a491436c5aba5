#pragma once

// Facts about the case's entities that many detectors and the caveats need: how many accounts
// share an address, each account's usual country, which address families it uses and on how
// many days it used a network, and the events grouped by account and by address. Built once per
// analysis run.

#include "dataset.h"
#include "grouping.h"

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace netcase {

struct Finding;
class Rules;

class AnalysisContext
{
public:
    AnalysisContext(const Dataset &data, const Rules &rules);

    const Dataset &data;
    const Rules &rules;
    /// Every event with an account, grouped by the account's string id.
    Grouping byUser;
    /// Every event with an address, grouped by address id.
    Grouping byIp;

    /// Accounts with a successful event from this address.
    int accountsOnIp(std::int32_t ip) const;
    /// The account signed in successfully somewhere in the case (web or identity provider; SSH
    /// not counted): one of the organisation's accounts, not a name from someone's list.
    bool signedIn(std::int32_t user) const;
    /// The country an account signs in from most often ("" when unknown).
    std::string homeCountry(std::int32_t user) const;
    bool usesBothFamilies(std::int32_t user) const;
    /// Distinct days on which the account used addresses of this ASN (or this address).
    int daysOnNetwork(std::int32_t user, std::int32_t ip) const;
    /// Why an address is the organisation's own egress (an office NAT, a corporate VPN exit):
    /// listed in the case's egress ranges, or learned from the case (successful events of many
    /// accounts on many days: rule shared_egress); "" when it is neither.
    std::string egressReason(std::int32_t ip) const;
    /// When one of the addresses is egress, adds the mitigating signal "corporate_egress" with
    /// the shared_egress rule's weight of that name (e.g. "travel_weight").
    void mitigateEgress(Finding &f,
                        std::initializer_list<std::int32_t> ips,
                        const char *weightKey) const;
    std::int32_t ipId(const std::string &ip) const;
    std::int32_t userId(const std::string &user) const;

    /// Adds the caveats that the entities' enrichment and behaviour call for.
    void addCaveats(Finding &f) const;
    /// Records one event as evidence with its ip, account and host.
    void addEvent(Finding &f, const Ev &e) const;

private:
    static std::uint64_t pair(std::int32_t a, std::int32_t b)
    {
        return (std::uint64_t(std::uint32_t(a)) << 32) | std::uint32_t(b);
    }
    void countUsers();
    void countAddresses();

    /// A small id per network: addresses of one ASN share it, an address without one has its own.
    std::vector<std::int32_t> m_network; ///< index = ip id
    std::vector<int> m_accountsOnIp;     ///< index = ip id
    std::vector<int> m_daysOnIp; ///< index = ip id: days with a successful event of an account
    std::vector<const std::string *> m_homeCountry; ///< index = account id, null when unknown
    std::vector<std::uint8_t> m_families;           ///< index = account id; bit 1 v4, bit 2 v6
    std::vector<std::uint8_t> m_signedIn;           ///< index = account id: signedIn()
    std::unordered_map<std::uint64_t, int> m_daysOnNetwork; ///< (account, network) -> days
    std::unordered_map<std::string, std::int32_t> m_ipIds;
    std::unordered_map<std::string, std::int32_t> m_userIds;
};

} // namespace netcase
