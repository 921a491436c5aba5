// Detection 8: user-agent anomalies on sign-ins and sensitive actions: scripted clients,
// outdated browsers and an agent that changes within one session.

#include "context.h"
#include "detect.h"
#include "rules.h"
#include "useragent.h"

#include <algorithm>
#include <map>
#include <set>

namespace netcase {

using namespace detail;

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
        Finding f;
        f.kind = "user_agent_anomaly";
        f.rule = isScripted ? "user_agent.scripted" : "user_agent.outdated";
        f.key = "ip=" + info.ip + "|agent=" + ctx.data.str(k.second);
        std::size_t successes = 0;
        bool sensitive = false;
        for (std::size_t i : idx) {
            ctx.addEvent(f, ev[i]);
            successes += ev[i].success() ? 1 : 0;
            sensitive = sensitive || (ev[i].flags & kSensitive);
        }
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
        if (successes > 0 && (isScripted || sensitive))
            f.addSignal(sensitive ? "sensitive_action" : "succeeded", 10,
                        std::to_string(successes) + " successful requests");
        bool habitual = true;
        for (const std::string &a : f.accounts)
            habitual = habitual && ctx.daysOnNetwork(ctx.userId(a), k.first) >= habitualDays;
        if (!f.accounts.empty() && habitual)
            f.addSignal("habitual_client", -15,
                        "the same account uses this source on " + std::to_string(habitualDays)
                                + " or more days");
        f.addCaveat("agent_is_self_reported",
                    "a user agent is whatever the client claims: an automation tool can send a "
                    "browser string, and a person can use curl");
        out.push_back(std::move(f));
    }

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
