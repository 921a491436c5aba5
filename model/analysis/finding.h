#pragma once

// A finding as the detectors produce it: what kind of behaviour, how severe (the sum of its
// weighted signalList, 0..100), who and what is involved, when, the evidence events and the
// caveats that keep an analyst from over-reading an IP address.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace netcase {

struct Signal
{
    std::string name;
    int weight = 0; ///< contribution to the severity; negative for mitigating evidence
    std::string detail;
};

struct Caveat
{
    std::string code; ///< shared_ip, cgnat, different_country, data_centre, ...
    std::string text;
};

struct Finding
{
    std::string kind; ///< credential_stuffing, impossible_travel, ...
    std::string rule; ///< the rule (key in the rules file) that fired
    std::string key;  ///< what distinguishes it from other findings of the rule (fingerprint)
    std::string title;
    std::vector<Signal> signalList;
    std::vector<Caveat> caveats;
    std::set<std::string> ips;
    std::set<std::string> accounts;
    std::set<std::string> hosts;
    std::set<std::int64_t> asns;
    std::int64_t firstTs = 0;
    std::int64_t lastTs = 0;
    std::vector<std::int64_t> evidence; ///< event ids
    nlohmann::json details = nlohmann::json::object();
    std::int64_t suppressedBy = 0;

    void addSignal(std::string name, int weight, std::string detail = {});
    void addCaveat(const std::string &code, std::string text);
    bool hasCaveat(const std::string &code) const;
    void addEvidence(std::int64_t eventId, std::int64_t ts);
    /// Sum of the signal weights, clamped to 0..100.
    int severity() const;
    /// sha1(kind | rule | key), hex: stays the same when the analysis is re-run.
    std::string fingerprint() const;
};

} // namespace netcase
