#pragma once

// Facts about the case's entities that many detectors and the caveats need: how many accounts
// share an address, each account's usual country, which address families it uses and on how
// many days it used a network. Built once per analysis run.

#include "dataset.h"

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

    /// Accounts with a successful event from this address.
    int accountsOnIp(std::int32_t ip) const;
    /// The country an account signs in from most often ("" when unknown).
    std::string homeCountry(std::int32_t user) const;
    bool usesBothFamilies(std::int32_t user) const;
    /// Distinct days on which the account used addresses of this ASN (or this address).
    int daysOnNetwork(std::int32_t user, std::int32_t ip) const;
    std::int32_t ipId(const std::string &ip) const;
    std::int32_t userId(const std::string &user) const;

    /// Adds the caveats that the entities' enrichment and behaviour call for.
    void addCaveats(Finding &f) const;
    /// Records one event as evidence with its ip, account and host.
    void addEvent(Finding &f, const Ev &e) const;

private:
    static std::uint64_t pair(std::int32_t a, std::int64_t b)
    {
        return (std::uint64_t(std::uint32_t(a)) << 32) ^ std::uint64_t(b);
    }
    std::int64_t networkKey(std::int32_t ip) const;

    std::unordered_map<std::int32_t, int> m_accountsOnIp;
    std::unordered_map<std::int32_t, std::string> m_homeCountry;
    std::unordered_map<std::int32_t, int> m_families; ///< bit 1 = v4, bit 2 = v6
    std::unordered_map<std::uint64_t, int> m_daysOnNetwork;
    std::unordered_map<std::string, std::int32_t> m_ipIds;
    std::unordered_map<std::string, std::int32_t> m_userIds;
};

} // namespace netcase
