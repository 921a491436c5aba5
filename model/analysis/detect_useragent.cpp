// Detection 8: user-agent anomalies on sign-ins and sensitive actions: scripted clients,
// outdated browsers and an agent that changes within one session. Sources of one client that
// are active together become one finding (a fleet of one library is one campaign, not thousands
// of findings), with the sources as members.

#include "campaign.h"
#include "context.h"
#include "detect.h"
#include "rules.h"
#include "useragent.h"

#include "core/timeutil.h"

#include <algorithm>
#include <map>
#include <set>

namespace netcase {

using namespace detail;

namespace {

const char *const kSelfReported
        = "a user agent is whatever the client claims: an automation tool can send a browser "
          "string, and a person can use curl";

int scaled(double value, double full, int weight)
{
    return int(std::min(1.0, std::max(0.0, value / full)) * weight);
}

bool hasSignal(const Finding &f, const char *name)
{
    return std::any_of(f.signalList.begin(), f.signalList.end(),
                       [&](const Signal &s) { return s.name == name; });
}

/// Every account of the finding uses the source's network on habitualDays or more days.
bool habitual(const AnalysisContext &ctx, const Finding &f, std::int32_t ip, int habitualDays)
{
    for (const std::string &a : f.accounts)
        if (ctx.daysOnNetwork(ctx.userId(a), ip) < habitualDays)
            return false;
    return true;
}

/// The title and signals of a finding made of several sources of one client label.
void describeCampaign(const AnalysisContext &ctx,
                      const std::string &label,
                      Finding &f,
                      const std::vector<const CampaignMember *> &list,
                      bool fleet)
{
    const int habitualDays = int(ctx.rules.num("baseline", "habitual_days", 3));
    const bool isScripted = label.rfind("Scripted", 0) == 0;
    std::size_t requests = 0, successes = 0;
    std::set<std::int32_t> ips;
    bool sensitive = false, allHabitual = true;
    for (const CampaignMember *m : list) {
        requests += m->attempts;
        successes += m->successes;
        ips.insert(m->ip);
        sensitive = sensitive || hasSignal(m->finding, "sensitive_action");
        allHabitual = allHabitual && hasSignal(m->finding, "habitual_client");
    }
    const std::string client = label.substr(label.find(' ', label.find(' ') + 1) + 1);
    f.title = label + " from " + std::to_string(ips.size())
              + " addresses: " + std::to_string(requests) + " requests";
    if (isScripted)
        f.addSignal("scripted_client", 30, client + " signs in or acts on accounts");
    else
        f.addSignal("outdated_browser", 20, client + " is older than the configured version");
    f.addSignal("several_sources", 5 + scaled(double(ips.size()), 100, 10),
                std::to_string(ips.size())
                        + (fleet ? " addresses with the same client within the window"
                                 : " addresses of one network with the same client"));
    if (successes > 0 && (isScripted || sensitive))
        f.addSignal(sensitive ? "sensitive_action" : "succeeded", 10,
                    std::to_string(successes) + " successful requests");
    if (!f.accounts.empty() && allHabitual)
        f.addSignal("habitual_client", -15,
                    "each account uses its source on " + std::to_string(habitualDays)
                            + " or more days");
    f.addCaveat("agent_is_self_reported", kSelfReported);
    if (fleet)
        f.addCaveat("shared_agent",
                    "grouped by client and time only: a popular library or a monitoring "
                    "service sends the same agent from unrelated sources");
}

/// Members of one label, in time order, chained while each starts within the window of the
/// cluster's last activity. A cluster with min_sources addresses or more is one finding (a
/// fleet); the sources of a smaller one are joined only by network (/24, or ASN and agent).
void emitAgentCampaigns(const AnalysisContext &ctx,
                        const std::string &label,
                        std::vector<CampaignMember> members,
                        Findings &out)
{
    const char *R = "user_agent";
    const auto gapUs = std::int64_t(ctx.rules.num(R, "campaign_window_s", 3600) * kSecondUs);
    const auto minSources = std::size_t(ctx.rules.num(R, "campaign_min_sources", 5));
    const auto maxListed = std::size_t(ctx.rules.num(R, "max_members_listed", 500));
    std::sort(members.begin(), members.end(),
              [](const auto &a, const auto &b) { return a.finding.firstTs < b.finding.firstTs; });
    CampaignRule network;
    network.gapUs = gapUs;
    network.sameAgentIsEnough = true;
    network.describe = [&](Finding &f, const std::vector<const CampaignMember *> &list) {
        describeCampaign(ctx, label, f, list, false);
    };
    for (std::size_t from = 0; from < members.size();) {
        std::size_t to = from + 1;
        std::int64_t last = members[from].finding.lastTs;
        std::set<std::int32_t> ips{members[from].ip};
        for (; to < members.size() && members[to].finding.firstTs - last <= gapUs; ++to) {
            last = std::max(last, members[to].finding.lastTs);
            ips.insert(members[to].ip);
        }
        if (ips.size() < minSources) {
            std::vector<CampaignMember> few(std::make_move_iterator(members.begin() + long(from)),
                                            std::make_move_iterator(members.begin() + long(to)));
            emitCampaigns(ctx, std::move(few), network, out);
            from = to;
            continue;
        }
        std::vector<const CampaignMember *> list;
        for (std::size_t i = from; i < to; ++i)
            list.push_back(&members[i]);
        Finding f = mergeMembers(ctx, list);
        f.key = "campaign|" + label + "|t=" + isoSeconds(f.firstTs);
        describeCampaign(ctx, label, f, list, true);
        // The list keeps the busiest members; the evidence keeps every request.
        auto &listed = f.details["members"];
        if (listed.size() > maxListed) {
            std::stable_sort(listed.begin(), listed.end(), [](const auto &a, const auto &b) {
                return a["attempts"].template get<std::size_t>()
                       > b["attempts"].template get<std::size_t>();
            });
            f.details["members_total"] = listed.size();
            listed.erase(listed.begin() + long(maxListed), listed.end());
        }
        out.push_back(std::move(f));
        from = to;
    }
}

} // namespace

void detectUserAgents(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "user_agent";
    if (!r.enabled(R) || !UserAgentParser::instance().available())
        return;
    const auto scripted = r.strings(R, "scripted_families");
    const nlohmann::json minVersions
            = r.json()["rules"][R].value("min_versions", nlohmann::json::object());
    const int habitualDays = int(r.num("baseline", "habitual_days", 3));
    const auto &ev = ctx.data.events;
    UserAgentCache agents;

    // Each distinct agent is parsed and judged once: scripted, outdated, and its client
    // ("family on OS") as a small id.
    enum : std::int8_t { kUnknown = -1, kPlain = 0, kFlagged = 1 };
    std::vector<std::int8_t> verdict(ctx.data.strs.size(), kUnknown);
    std::vector<int> clientOf(ctx.data.strs.size(), -1);
    std::map<std::string, int> clientIds;
    auto judge = [&](std::int32_t agent) {
        auto &v = verdict[std::size_t(agent)];
        if (v == kUnknown) {
            const UserAgentInfo &ua = agents.get(agent, ctx.data.str(agent));
            const bool isScripted
                    = std::find(scripted.begin(), scripted.end(), ua.family) != scripted.end();
            const auto min = minVersions.find(ua.family);
            const bool outdated = min != minVersions.end() && min->is_number() && ua.major >= 0
                                  && ua.major < min->get<int>();
            v = (isScripted || outdated) ? kFlagged : kPlain;
            clientOf[std::size_t(agent)]
                    = clientIds.emplace(ua.family + " on " + ua.os, int(clientIds.size()))
                              .first->second;
        }
        return v == kFlagged;
    };

    // Scripted clients and outdated browsers, per (source, agent); sign-ins in sessions.
    std::map<std::pair<std::int32_t, std::int32_t>, std::vector<std::size_t>> byIpAgent;
    std::vector<std::pair<std::int32_t, std::size_t>> inSessions; // (session, event)
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const Ev &e = ev[i];
        if (!(e.flags & (kAuth | kSensitive)) || e.ua <= 0
            || std::size_t(e.ua) >= ctx.data.strs.size())
            continue;
        if (judge(e.ua))
            byIpAgent[{e.ip, e.ua}].push_back(i);
        if (e.session)
            inSessions.emplace_back(e.session, i);
    }
    std::sort(inSessions.begin(), inSessions.end());
    // One member per (source, agent); members of one client label (family, and the major version
    // of an outdated browser) active within the campaign window are one campaign.
    std::map<std::string, std::vector<CampaignMember>> byLabel;
    for (const auto &[k, idx] : byIpAgent) {
        const UserAgentInfo &ua = agents.get(k.second, ctx.data.str(k.second));
        const bool isScripted
                = std::find(scripted.begin(), scripted.end(), ua.family) != scripted.end();
        const auto min = minVersions.find(ua.family);
        const bool outdated = min != minVersions.end() && min->is_number() && ua.major >= 0
                              && ua.major < min->get<int>();
        if (!isScripted && !outdated)
            continue;
        const AnalysisIp &info = ctx.data.ip(k.first);
        CampaignMember m;
        m.ip = k.first;
        m.agent = k.second;
        Finding &f = m.finding;
        f.kind = "user_agent_anomaly";
        f.rule = isScripted ? "user_agent.scripted" : "user_agent.outdated";
        f.key = "ip=" + info.ip + "|agent=" + ctx.data.str(k.second);
        std::set<std::int32_t> accounts;
        bool sensitive = false;
        for (std::size_t i : idx) {
            ctx.addEvent(f, ev[i]);
            m.successes += ev[i].success() ? 1 : 0;
            m.failures += ev[i].failure() ? 1 : 0;
            sensitive = sensitive || (ev[i].flags & kSensitive);
            if (ev[i].user)
                accounts.insert(ev[i].user);
        }
        m.attempts = idx.size();
        m.accounts.assign(accounts.begin(), accounts.end());
        const std::string label = ua.family + (ua.major >= 0 ? " " + std::to_string(ua.major) : "");
        if (isScripted) {
            f.addSignal("scripted_client", 30, label + " signs in or acts on the account");
            f.title = "Scripted client " + label + " from " + info.ip;
        } else {
            f.addSignal("outdated_browser", 20,
                        label + " is older than " + ua.family + " "
                                + std::to_string(min->get<int>()));
            f.title = "Outdated browser " + label + " from " + info.ip;
        }
        if (m.successes > 0 && (isScripted || sensitive))
            f.addSignal(sensitive ? "sensitive_action" : "succeeded", 10,
                        std::to_string(m.successes) + " successful requests");
        if (!f.accounts.empty() && habitual(ctx, f, k.first, habitualDays))
            f.addSignal("habitual_client", -15,
                        "the same account uses this source on " + std::to_string(habitualDays)
                                + " or more days");
        f.addCaveat("agent_is_self_reported", kSelfReported);
        byLabel[isScripted ? "Scripted client " + ua.family : "Outdated browser " + label]
                .push_back(std::move(m));
    }
    for (auto &[label, members] : byLabel)
        emitAgentCampaigns(ctx, label, std::move(members), out);

    // One session, several different clients: a stolen session cookie replayed elsewhere.
    std::vector<std::size_t> idx;
    std::vector<int> clientsSeen;
    for (std::size_t from = 0; from < inSessions.size();) {
        const std::int32_t session = inSessions[from].first;
        idx.clear();
        clientsSeen.clear();
        for (; from < inSessions.size() && inSessions[from].first == session; ++from) {
            const std::size_t i = inSessions[from].second;
            idx.push_back(i);
            const int client = clientOf[std::size_t(ev[i].ua)];
            if (std::find(clientsSeen.begin(), clientsSeen.end(), client) == clientsSeen.end())
                clientsSeen.push_back(client);
        }
        if (clientsSeen.size() < 2)
            continue;
        std::set<std::string> families;
        std::set<std::int32_t> ips;
        for (std::size_t i : idx) {
            const UserAgentInfo &ua = agents.get(ev[i].ua, ctx.data.str(ev[i].ua));
            families.insert(ua.family + " on " + ua.os);
            ips.insert(ev[i].ip);
        }
        Finding f;
        f.kind = "user_agent_anomaly";
        f.rule = "user_agent.session_change";
        f.key = "session=" + ctx.data.str(session);
        for (std::size_t i : idx)
            ctx.addEvent(f, ev[i]);
        std::string list;
        for (const std::string &s : families)
            list += (list.empty() ? "" : ", ") + s;
        f.addSignal("agent_changed_in_session", 45, list);
        if (ips.size() > 1)
            f.addSignal("address_changed_in_session", 15,
                        std::to_string(ips.size()) + " addresses in one session");
        f.title = "Session " + ctx.data.str(session) + " used by " + std::to_string(families.size())
                  + " different clients";
        out.push_back(std::move(f));
    }
}

} // namespace netcase
