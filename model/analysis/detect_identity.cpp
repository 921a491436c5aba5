// Detections 6, 7 and 11: deviations from an account's own baseline, anonymisers or hosting
// networks on sensitive actions, and MFA fatigue.

#include "context.h"
#include "detect.h"
#include "rules.h"
#include "useragent.h"

#include "core/timeutil.h"

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

namespace netcase {

using namespace detail;

namespace {

struct StringPtrEq
{
    bool operator()(const std::string *a, const std::string *b) const { return *a == *b; }
};

/// A set that is a short vector while small (an account's countries, networks, clients and
/// devices usually are) and a hash set beyond that.
template<typename T, typename Eq = std::equal_to<T>>
class SmallSet
{
public:
    bool contains(const T &v) const
    {
        if (m_big)
            return m_set.count(key(v)) > 0;
        return std::any_of(m_small.begin(), m_small.end(), [&](const T &x) { return Eq()(x, v); });
    }
    void insert(const T &v)
    {
        if (contains(v))
            return;
        if (!m_big && m_small.size() < 16) {
            m_small.push_back(v);
            return;
        }
        if (!m_big) {
            for (const T &x : m_small)
                m_set.insert(key(x));
            m_big = true;
        }
        m_set.insert(key(v));
    }
    bool empty() const { return m_big ? m_set.empty() : m_small.empty(); }
    void clear()
    {
        m_small.clear();
        if (m_big)
            m_set = {};
        m_big = false;
    }

private:
    using Key = std::conditional_t<std::is_pointer_v<T>, std::string, T>;
    static Key key(const T &v)
    {
        if constexpr (std::is_pointer_v<T>)
            return *v;
        else
            return v;
    }
    std::vector<T> m_small;
    std::unordered_set<Key> m_set;
    bool m_big = false;
};

} // namespace

void detectBaselineDeviation(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    if (!r.enabled("baseline"))
        return;
    const auto minPrior = std::size_t(r.num("baseline", "min_prior_events", 5));
    // A baseline is learned over days, not over the first few events of a busy morning.
    const auto minDays = int(r.num("baseline", "min_prior_days", 3));
    constexpr std::int64_t kDayUs = 86400 * kSecondUs;
    const int habitualDays = int(r.num("baseline", "habitual_days", 3));
    const auto &ev = ctx.data.events;
    UserAgentCache agents;
    std::vector<int> clientOfAgent(ctx.data.strs.size(), -1); // agent string id -> client
    std::map<std::string, int> clientIds;
    std::vector<std::string> clientNames;
    std::vector<std::size_t> idx;
    SmallSet<const std::string *, StringPtrEq> countries;
    SmallSet<std::int64_t> asns;
    SmallSet<int> clients;
    SmallSet<std::int32_t> devices;
    for (std::size_t user = 1; user < ctx.byUser.keys(); ++user) {
        if (ctx.byUser[std::int64_t(user)].size() <= minPrior)
            continue;
        select(ev, ctx.byUser[std::int64_t(user)], idx,
               [](const Ev &e) { return (e.flags & kAuth) && e.success(); });
        if (idx.size() <= minPrior)
            continue;
        countries.clear();
        asns.clear();
        clients.clear();
        devices.clear();
        Finding f;
        std::set<std::string> novel;
        bool newCountry = false;
        bool newAsn = false;
        bool newClient = false;
        bool newDevice = false;
        bool habitual = true;
        std::vector<std::int32_t> hitIps;
        int days = 0;
        std::int64_t lastDay = -1;
        for (std::size_t k = 0; k < idx.size(); ++k) {
            const Ev &e = ev[idx[k]];
            const AnalysisIp &info = ctx.data.ip(e.ip);
            // The client (browser family on OS) as a small id, computed once per agent string.
            int client = -1;
            if (e.ua >= 0 && std::size_t(e.ua) < clientOfAgent.size())
                client = clientOfAgent[std::size_t(e.ua)];
            if (client < 0) {
                const UserAgentInfo &ua = agents.get(e.ua, ctx.data.str(e.ua));
                auto named = clientIds.emplace(ua.family + " on " + ua.os, int(clientIds.size()));
                clientNames.resize(clientIds.size());
                clientNames[std::size_t(named.first->second)] = named.first->first;
                client = named.first->second;
                if (e.ua >= 0 && std::size_t(e.ua) < clientOfAgent.size())
                    clientOfAgent[std::size_t(e.ua)] = client;
            }
            const std::int64_t day = e.ts / kDayUs;
            const bool learning
                    = k < minPrior || days < minDays || (days == minDays && day == lastDay);
            if (day != lastDay) {
                ++days;
                lastDay = day;
            }
            bool hit = false;
            // Novel only against what the baseline knows: a first located address after
            // unlocated ones is no new country, a first attributed one no new network.
            if (!info.country.empty() && !countries.empty() && !countries.contains(&info.country)
                && !learning) {
                newCountry = hit = true;
                novel.insert("country " + info.country);
            }
            if (info.asn > 0 && !asns.empty() && !asns.contains(info.asn) && !learning) {
                newAsn = hit = true;
                novel.insert("AS" + std::to_string(info.asn));
            }
            if (e.ua && !clients.contains(client) && !learning) {
                newClient = hit = true;
                novel.insert(clientNames[std::size_t(client)]);
            }
            if (e.device && !devices.contains(e.device) && !devices.empty() && !learning) {
                newDevice = hit = true;
                novel.insert("device " + ctx.data.str(e.device));
            }
            if (!info.country.empty())
                countries.insert(&info.country);
            if (info.asn > 0)
                asns.insert(info.asn);
            if (e.ua)
                clients.insert(client);
            if (e.device)
                devices.insert(e.device);
            if (hit) {
                ctx.addEvent(f, e);
                hitIps.push_back(e.ip);
                if (ctx.daysOnNetwork(e.user, e.ip) < habitualDays)
                    habitual = false;
            }
        }
        if (f.evidence.empty())
            continue;
        const std::string account = ctx.data.str(std::int32_t(user));
        f.kind = "baseline_deviation";
        f.rule = "baseline";
        std::string what;
        for (const std::string &n : novel)
            what += (what.empty() ? "" : ", ") + n;
        f.key = "account=" + account + "|" + what;
        f.title = account + " signed in with something new: " + what;
        if (newCountry)
            f.addSignal("new_country", 30, "a country not seen for this account before");
        if (newAsn)
            f.addSignal("new_network", 15, "a network (ASN) not seen for this account before");
        if (newClient)
            f.addSignal("new_user_agent", 10, "a browser or client not seen before");
        if (newDevice)
            f.addSignal("new_device", 10, "a device id not seen before");
        if (habitual)
            f.addSignal("became_habitual", -20,
                        "the new network is then used on " + std::to_string(habitualDays)
                                + " or more days");
        // A novelty seen from the organisation's own egress (an office, the corporate VPN).
        for (const std::int32_t ip : hitIps)
            if (!f.details.contains("egress"))
                ctx.mitigateEgress(f, {ip}, "anomaly_weight");
        f.details["baseline_events"] = minPrior;
        f.details["baseline_days"] = minDays;
        out.push_back(std::move(f));
    }
}

void detectAnonymiserSensitive(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "anonymiser_sensitive";
    if (!r.enabled(R))
        return;
    const int habitualDays = int(r.num("baseline", "habitual_days", 3));
    const auto &ev = ctx.data.events;
    auto groups = group(ev, kAuth | kSensitive, 0, [&](const Ev &e) -> std::int64_t {
        if (!(e.flags & kSensitive) && !e.success())
            return 0;
        const AnalysisIp &i = ctx.data.ip(e.ip);
        if (!i.anonymiser() && !i.dataCentre())
            return 0;
        return (std::int64_t(e.ip) << 32) | std::uint32_t(e.user);
    });
    for (auto &[key, idx] : groups) {
        const auto ip = std::int32_t(key >> 32);
        const auto user = std::int32_t(key & 0xffffffff);
        const AnalysisIp &info = ctx.data.ip(ip);
        Finding f;
        f.kind = "anonymiser_sensitive_action";
        f.rule = R;
        const std::string account = user ? ctx.data.str(user) : std::string("(no account)");
        f.key = "ip=" + info.ip + "|account=" + account;
        bool sensitive = false;
        std::set<std::string> actions;
        for (std::size_t i : idx) {
            const Ev &e = ev[i];
            ctx.addEvent(f, e);
            if (e.flags & kSensitive) {
                sensitive = true;
                actions.insert(ctx.data.str(e.action) == "http_request" ? ctx.data.str(e.url)
                                                                        : ctx.data.str(e.action));
            }
        }
        std::string kind;
        int weight = 0;
        auto consider = [&](bool flag, const char *name, const char *label) {
            const int w = int(r.num(R, name, 0));
            if (flag && w > weight) {
                weight = w;
                kind = label;
            }
        };
        consider(info.tor, "tor", "a Tor exit");
        consider(info.residentialProxy, "residential_proxy", "a residential proxy");
        consider(info.proxy, "proxy", "an open proxy");
        consider(info.vpn, "vpn", "a VPN");
        consider(info.dataCentre(), "hosting", "a hosting network");
        f.addSignal("anonymising_source", weight, info.ip + " is " + kind);
        std::string list;
        for (const std::string &a : actions)
            list += (list.empty() ? "" : ", ") + a;
        if (sensitive)
            f.addSignal("sensitive_action", int(r.num(R, "sensitive_bonus", 15)), list);
        ctx.mitigateEgress(f, {ip}, "anomaly_weight");
        if (user && ctx.daysOnNetwork(user, ip) >= habitualDays)
            f.addSignal("habitual_network", -20,
                        account + " uses this network on "
                                + std::to_string(ctx.daysOnNetwork(user, ip)) + " days");
        f.title = account + (sensitive ? " did " + list : std::string(" signed in")) + " from "
                  + kind + " (" + info.ip + ")";
        out.push_back(std::move(f));
    }
}

void detectMfaFatigue(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    if (!r.enabled("mfa_fatigue"))
        return;
    const auto windowUs = std::int64_t(r.num("mfa_fatigue", "window_s", 3600) * kSecondUs);
    const auto minDenied = std::size_t(r.num("mfa_fatigue", "min_denied", 5));
    const auto &ev = ctx.data.events;
    auto groups = group(ev, kMfa, 0, [](const Ev &e) { return std::int64_t(e.user); });
    constexpr std::int64_t kSameDenialUs = 10 * kSecondUs;
    for (auto &[user, idx] : groups) {
        for (const auto &ep : episodes(ev, idx, windowUs)) {
            // One denial per prompt: the lines a push's denial is logged on (Okta's deny_push
            // and the failed auth_via_mfa) count once. A prompt sent opens the next one; without
            // such lines, denials within 10 s of the last one counted are the same prompt.
            std::size_t denied = 0;
            bool promptOpen = false;
            bool promptDenied = false;
            std::int64_t lastCounted = 0;
            const Ev *accepted = nullptr;
            Finding f;
            for (std::size_t i : ep) {
                const Ev &e = ev[i];
                if (e.flags & kMfaSent) {
                    promptOpen = true;
                    promptDenied = false;
                } else if (e.flags & kMfaDenied) {
                    const bool counts
                            = promptOpen ? !promptDenied
                                         : (denied == 0 || e.ts - lastCounted > kSameDenialUs);
                    promptDenied = true;
                    if (counts) {
                        ++denied;
                        lastCounted = e.ts;
                        ctx.addEvent(f, e);
                    }
                } else if (e.success() && denied >= minDenied) {
                    // An explicit approval: a verification that succeeded, not a prompt sent.
                    accepted = &e;
                    ctx.addEvent(f, e);
                    break;
                }
            }
            if (denied < minDenied)
                continue;
            const std::string account = ctx.data.str(std::int32_t(user));
            f.kind = "mfa_fatigue";
            f.rule = "mfa_fatigue";
            f.key = "account=" + account + "|t=" + isoSeconds(ev[ep.front()].ts);
            f.addSignal("denied_pushes", 45, std::to_string(denied) + " MFA prompts denied");
            if (accepted)
                f.addSignal("accepted_after_denials", 40,
                            "then one was accepted from " + ctx.data.ip(accepted->ip).ip);
            f.title = account + ": " + std::to_string(denied) + " MFA prompts denied"
                      + (accepted ? ", then one accepted" : "");
            out.push_back(std::move(f));
        }
    }
}

} // namespace netcase
