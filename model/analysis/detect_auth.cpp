// Detections 1-3: failed-login bursts, credential stuffing (single source and distributed) and
// password spraying (SSH brute force: detect_ssh.cpp).

#include "campaign.h"
#include "context.h"
#include "detect.h"
#include "rules.h"

#include "core/timeutil.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_set>

namespace netcase {

using namespace detail;

namespace {

struct Tally
{
    std::size_t failures = 0;
    std::size_t successes = 0;
    std::unordered_set<std::int32_t> accounts;
    std::unordered_set<std::int32_t> invalidAccounts;
    std::vector<double> gapsS;
};

Tally tally(const std::vector<Ev> &ev, Episode idx)
{
    Tally t;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        const Ev &e = ev[idx[k]];
        if (e.failure())
            ++t.failures;
        else if (e.success())
            ++t.successes;
        if (e.user)
            t.accounts.insert(e.user);
        if (e.user && (e.flags & kInvalidUser))
            t.invalidAccounts.insert(e.user);
        if (k > 0)
            t.gapsS.push_back(double(e.ts - ev[idx[k - 1]].ts) / kSecondUs);
    }
    return t;
}

/// Share of the accounts that never signed in successfully in the case: a list from elsewhere
/// (stuffing) tries mostly names that are not the organisation's; a spray tries its own.
double unknownShare(const AnalysisContext &ctx, const Tally &t)
{
    std::size_t unknown = 0;
    for (const std::int32_t a : t.accounts)
        unknown += ctx.signedIn(a) ? 0 : 1;
    return t.accounts.empty() ? 0 : double(unknown) / double(t.accounts.size());
}

std::string percent(double share)
{
    return std::to_string(int(share * 100 + 0.5)) + "%";
}

int scaled(double value, double full, int weight)
{
    return int(std::min(1.0, std::max(0.0, value / full)) * weight);
}

CampaignMember member(const std::vector<Ev> &ev, Episode ep, const Tally &t, std::int32_t ip)
{
    CampaignMember m;
    m.ip = ip;
    m.accounts.assign(t.accounts.begin(), t.accounts.end());
    std::sort(m.accounts.begin(), m.accounts.end());
    m.attempts = ep.size();
    m.failures = t.failures;
    m.successes = t.successes;
    std::map<std::int32_t, std::size_t> agents;
    for (std::size_t i : ep)
        ++agents[ev[i].ua];
    std::size_t best = 0;
    for (const auto &[agent, n] : agents)
        if (n > best) {
            best = n;
            m.agent = agent;
        }
    return m;
}

std::string members(const std::vector<const CampaignMember *> &list)
{
    std::size_t attempts = 0;
    for (const CampaignMember *m : list)
        attempts += m->attempts;
    return std::to_string(list.size()) + " sources of one network, " + std::to_string(attempts)
           + " attempts";
}

void describeStuffing(Finding &f, const std::vector<const CampaignMember *> &list)
{
    std::size_t failures = 0, successes = 0, attempts = 0;
    for (const CampaignMember *m : list) {
        failures += m->failures;
        successes += m->successes;
        attempts += m->attempts;
    }
    f.title = "Credential stuffing from " + std::to_string(list.size())
              + " addresses: " + std::to_string(f.accounts.size()) + " accounts, "
              + std::to_string(failures) + " failures";
    f.addSignal("many_accounts", 40 + scaled(double(f.accounts.size()), 200, 15),
                std::to_string(f.accounts.size()) + " accounts");
    f.addSignal("mostly_failures", 15,
                std::to_string(
                        int(100.0 * double(failures) / double(std::max<std::size_t>(1, attempts))))
                        + "% of attempts failed");
    f.addSignal("several_sources", 5, members(list));
    if (successes > 0)
        f.addSignal("some_succeeded", 20, std::to_string(successes) + " attempts succeeded");
    f.details["accounts"] = f.accounts.size();
}

void describeSpraying(Finding &f, const std::vector<const CampaignMember *> &list)
{
    std::size_t successes = 0, attempts = 0;
    for (const CampaignMember *m : list) {
        successes += m->successes;
        attempts += m->attempts;
    }
    const double perAccount
            = double(attempts) / double(std::max<std::size_t>(1, f.accounts.size()));
    f.title = "Password spraying from " + std::to_string(list.size())
              + " addresses: " + std::to_string(f.accounts.size()) + " accounts in "
              + std::to_string(list.size()) + " passes";
    f.addSignal("many_accounts_few_attempts", 45 + scaled(double(f.accounts.size()), 100, 10),
                std::to_string(f.accounts.size()) + " accounts, "
                        + std::to_string(perAccount).substr(0, 3) + " attempts each");
    f.addSignal("slow_pace", 10, "passes spread over time");
    f.addSignal("several_sources", 5, members(list));
    if (successes > 0)
        f.addSignal("some_succeeded", 20, std::to_string(successes) + " attempts succeeded");
}

} // namespace

void detectFailedBursts(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    if (!r.enabled("failed_burst"))
        return;
    const auto windowUs = std::int64_t(r.num("failed_burst", "window_s", 300) * kSecondUs);
    const auto minFailures = std::size_t(r.num("failed_burst", "min_failures", 20));
    const auto &ev = ctx.data.events;
    // SSH has its own rule; here the web and identity-provider sign-ins.
    std::vector<std::size_t> idx;
    for (const bool byAccount : {false, true}) {
        const Grouping &groups = byAccount ? ctx.byUser : ctx.byIp;
        for (std::size_t key = 1; key < groups.keys(); ++key) {
            if (groups[std::int64_t(key)].size() < minFailures)
                continue;
            select(ev, groups[std::int64_t(key)], idx, [](const Ev &e) {
                return (e.flags & kAuth) && !(e.flags & kSsh) && e.failure();
            });
            if (idx.size() < minFailures)
                continue;
            for (const auto &ep : episodes(ev, idx, windowUs)) {
                const std::size_t peak = maxInWindow(ev, ep, windowUs);
                if (peak < minFailures)
                    continue;
                Finding f;
                f.kind = "failed_login_burst";
                f.rule = "failed_burst";
                const std::string who = byAccount ? ctx.data.str(std::int32_t(key))
                                                  : ctx.data.ip(std::int32_t(key)).ip;
                f.key = (byAccount ? "account=" : "ip=") + who
                        + "|t=" + isoSeconds(ev[ep.front()].ts);
                for (std::size_t i : ep)
                    ctx.addEvent(f, ev[i]);
                f.title = std::to_string(ep.size()) + " failed sign-ins "
                          + (byAccount ? "for " : "from ") + who;
                f.addSignal("failed_sign_ins", 30 + scaled(double(peak), 5.0 * minFailures, 15),
                            std::to_string(peak) + " failures within "
                                    + std::to_string(windowUs / kSecondUs) + " s");
                // A success right after the burst from the same key: the guess may have worked.
                const std::int64_t endTs = ev[ep.back()].ts;
                for (std::size_t i = ep.back(); i < ev.size() && ev[i].ts - endTs <= windowUs;
                     ++i) {
                    const Ev &e = ev[i];
                    if ((e.flags & kAuth) && e.success()
                        && std::size_t(byAccount ? e.user : e.ip) == key) {
                        ctx.addEvent(f, e);
                        f.addSignal("success_after_failures", 25,
                                    "a sign-in succeeded after the failures");
                        break;
                    }
                }
                f.addCaveat("repeated_requests",
                            "repeated attempts: a bot or a guesser, but also a client with a "
                            "stale saved password retrying, or an impatient person");
                out.push_back(std::move(f));
            }
        }
    }
}

void detectStuffing(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const auto &ev = ctx.data.events;
    const bool stuffOn = r.enabled("stuffing");
    const bool sprayOn = r.enabled("spraying");
    const auto stuffGap = std::int64_t(r.num("stuffing", "window_s", 3600) * kSecondUs);
    const auto sprayGap = std::int64_t(r.num("spraying", "window_s", 86400) * kSecondUs);
    const auto stuffAccounts = std::size_t(r.num("stuffing", "min_accounts", 10));
    const double stuffRatio = r.num("stuffing", "min_failure_ratio", 0.8);
    const double stuffMaxGap = r.num("stuffing", "max_median_gap_s", 20);
    const auto sprayAccounts = std::size_t(r.num("spraying", "min_accounts", 8));
    const double sprayPerAccount = r.num("spraying", "max_attempts_per_account", 3);
    const double sprayRatio = r.num("spraying", "min_failure_ratio", 0.7);
    const double sprayMinGap = r.num("spraying", "min_median_gap_s", 20);
    const double minUnknown = r.num("stuffing", "min_unknown_account_share", 0.5);
    // An episode has at most as many accounts as events: smaller ones cannot qualify.
    const std::size_t minEvents = std::max<std::size_t>(
            1, std::min(stuffOn ? stuffAccounts : ~0UL, sprayOn ? sprayAccounts : ~0UL));
    std::vector<std::size_t> idx;
    std::vector<CampaignMember> stuffers;
    std::vector<CampaignMember> sprayers;
    for (std::size_t ip = 1; ip < ctx.byIp.keys(); ++ip) {
        if (ctx.byIp[std::int64_t(ip)].size() < minEvents)
            continue;
        select(ev, ctx.byIp[std::int64_t(ip)], idx,
               [](const Ev &e) { return (e.flags & kAuth) && !(e.flags & kSsh); });
        if (idx.size() < minEvents)
            continue;
        const AnalysisIp &info = ctx.data.ip(std::int32_t(ip));
        // Stuffing tries a list (mostly accounts the case never saw sign in); spraying tries the
        // organisation's own accounts a few times each. Pace is reported, not decisive.
        auto isSpray = [&](const Tally &t, double perAccount) {
            return unknownShare(ctx, t) < minUnknown && perAccount <= sprayPerAccount;
        };
        if (stuffOn) {
            for (const auto &ep : episodes(ev, idx, stuffGap)) {
                if (ep.size() < stuffAccounts)
                    continue;
                const Tally t = tally(ev, ep);
                const double ratio = double(t.failures) / double(ep.size());
                const double gap = median(t.gapsS);
                const double perAccount
                        = double(ep.size()) / double(std::max<std::size_t>(1, t.accounts.size()));
                if (t.accounts.size() < stuffAccounts || ratio < stuffRatio
                    || (sprayOn && isSpray(t, perAccount)))
                    continue;
                Finding f;
                f.kind = "credential_stuffing";
                f.rule = "stuffing";
                f.key = "ip=" + info.ip + "|t=" + isoSeconds(ev[ep.front()].ts);
                for (std::size_t i : ep)
                    ctx.addEvent(f, ev[i]);
                f.title = "Credential stuffing from " + info.ip + ": "
                          + std::to_string(t.accounts.size()) + " accounts, "
                          + std::to_string(t.failures) + " failures";
                f.addSignal("many_accounts", 40 + scaled(double(t.accounts.size()), 200, 15),
                            std::to_string(t.accounts.size()) + " accounts from one source");
                f.addSignal("mostly_failures", 15,
                            std::to_string(int(ratio * 100)) + "% of attempts failed");
                f.addSignal("unknown_accounts", 0,
                            percent(unknownShare(ctx, t))
                                    + " of the accounts never signed in successfully here, "
                                    + std::to_string(perAccount).substr(0, 3) + " attempts each");
                if (gap <= stuffMaxGap)
                    f.addSignal("fast_pace", 5, "median " + std::to_string(int(gap)) + " s apart");
                if (t.successes > 0)
                    f.addSignal("some_succeeded", 20,
                                std::to_string(t.successes) + " attempts succeeded");
                f.details["accounts"] = t.accounts.size();
                stuffers.push_back(member(ev, ep, t, std::int32_t(ip)));
                stuffers.back().finding = std::move(f);
            }
        }
        if (sprayOn) {
            for (const auto &ep : episodes(ev, idx, sprayGap)) {
                if (ep.size() < std::max<std::size_t>(1, sprayAccounts))
                    continue;
                const Tally t = tally(ev, ep);
                if (t.accounts.empty())
                    continue;
                const double ratio = double(t.failures) / double(ep.size());
                const double perAccount = double(ep.size()) / double(t.accounts.size());
                const double gap = median(t.gapsS);
                if (t.accounts.size() < sprayAccounts || ratio < sprayRatio
                    || !isSpray(t, perAccount))
                    continue;
                Finding f;
                f.kind = "password_spraying";
                f.rule = "spraying";
                f.key = "ip=" + info.ip + "|t=" + isoSeconds(ev[ep.front()].ts);
                for (std::size_t i : ep)
                    ctx.addEvent(f, ev[i]);
                f.title = "Password spraying from " + info.ip + ": "
                          + std::to_string(t.accounts.size()) + " accounts"
                          + (gap >= sprayMinGap ? ", slow pace" : "");
                f.addSignal("many_accounts_few_attempts",
                            45 + scaled(double(t.accounts.size()), 100, 10),
                            std::to_string(t.accounts.size()) + " accounts, "
                                    + std::to_string(perAccount).substr(0, 3) + " attempts each");
                f.addSignal("known_accounts", 0,
                            percent(1 - unknownShare(ctx, t))
                                    + " of the accounts signed in successfully here");
                if (gap >= sprayMinGap)
                    f.addSignal("slow_pace", 10,
                                "median " + std::to_string(int(gap)) + " s between attempts");
                if (t.successes > 0)
                    f.addSignal("some_succeeded", 20,
                                std::to_string(t.successes) + " attempts succeeded");
                sprayers.push_back(member(ev, ep, t, std::int32_t(ip)));
                sprayers.back().finding = std::move(f);
            }
        }
    }
    // Sources of one network working together become one finding each.
    CampaignRule stuffing;
    stuffing.gapUs = stuffGap;
    stuffing.sameAgentIsEnough = true;
    stuffing.describe = describeStuffing;
    emitCampaigns(ctx, std::move(stuffers), stuffing, out);
    CampaignRule spraying;
    spraying.gapUs = sprayGap;
    spraying.minOverlap = 0.3;
    spraying.describe = describeSpraying;
    emitCampaigns(ctx, std::move(sprayers), spraying, out);
}

void detectDistributedStuffing(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    if (!r.enabled("stuffing_distributed"))
        return;
    const char *R = "stuffing_distributed";
    const auto windowUs = std::int64_t(r.num(R, "window_s", 3600) * kSecondUs);
    const auto &ev = ctx.data.events;
    const auto maxPerSource = std::size_t(r.num(R, "max_accounts_per_source", 40));
    const auto minSources = std::size_t(r.num(R, "min_sources", 8));
    const auto minAccounts = std::size_t(r.num(R, "min_accounts", 30));
    const auto minFailures = std::size_t(r.num(R, "min_failures", 60));
    const double minRatio = r.num(R, "min_failure_ratio", 0.8);
    // The ratio is over failing sources only, so ordinary users' scattered typos could pass it:
    // a campaign also tries mostly accounts that never signed in (a list), or fails far more
    // than the case's usual window does.
    const double minUnknown = r.num(R, "min_unknown_account_share", 0.5);
    const double surge = r.num(R, "surge_factor", 3);
    std::vector<std::size_t> windowFailures;
    {
        std::int64_t lastW = std::numeric_limits<std::int64_t>::min();
        for (const Ev &e : ev) {
            if (!(e.flags & kAuth) || (e.flags & kSsh))
                continue;
            if (e.ts / windowUs != lastW) {
                lastW = e.ts / windowUs;
                windowFailures.push_back(0);
            }
            windowFailures.back() += e.failure() ? 1 : 0;
        }
    }
    const double usualFailures
            = median(std::vector<double>(windowFailures.begin(), windowFailures.end()));
    // Fixed windows; within each, the sources that try few accounts each (a botnet spreads the
    // list) and mostly fail. Events are in time order, so a window is a run of events.
    Finding current;
    std::int64_t lastWindow = -2;
    auto flush = [&] {
        if (!current.evidence.empty())
            out.push_back(std::move(current));
        current = Finding();
    };
    std::vector<std::size_t> idx;
    std::vector<std::uint64_t> pairs; // (source, account), distinct after sorting
    std::vector<std::int32_t> accounts;
    std::vector<std::uint32_t> perSource(ctx.data.ips.size() + 1, 0); // accounts of a source
    // Only sources that failed in the window take part: one that only signed in successfully is
    // an ordinary user, not a member of the campaign.
    std::vector<std::uint8_t> failing(ctx.data.ips.size() + 1, 0);
    auto accountsOf = [&](std::int32_t ip) -> std::size_t {
        return std::size_t(ip) < perSource.size() && failing[std::size_t(ip)]
                       ? perSource[std::size_t(ip)]
                       : ~std::size_t(0);
    };
    for (std::size_t from = 0; from < ev.size();) {
        const std::int64_t w = ev[from].ts / windowUs;
        std::size_t to = from;
        idx.clear();
        pairs.clear();
        for (; to < ev.size() && ev[to].ts / windowUs == w; ++to) {
            const Ev &e = ev[to];
            if ((e.flags & kAuth) && !(e.flags & kSsh) && e.ip) {
                idx.push_back(to);
                if (e.failure() && std::size_t(e.ip) < failing.size())
                    failing[std::size_t(e.ip)] = 1;
            }
        }
        from = to;
        if (idx.empty())
            continue;
        for (std::size_t i : idx)
            if (failing[std::size_t(ev[i].ip)])
                pairs.push_back((std::uint64_t(std::uint32_t(ev[i].ip)) << 32)
                                | std::uint32_t(ev[i].user));
        auto reset = [&] {
            for (std::size_t i : idx)
                failing[std::size_t(ev[i].ip)] = 0;
        };
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        for (const std::uint64_t p : pairs)
            if (std::size_t(p >> 32) < perSource.size())
                ++perSource[std::size_t(p >> 32)];
        std::size_t sources = 0;
        accounts.clear();
        for (std::size_t k = 0; k < pairs.size(); ++k) {
            const auto ip = std::int32_t(pairs[k] >> 32);
            if (accountsOf(ip) > maxPerSource)
                continue;
            if (k == 0 || std::int32_t(pairs[k - 1] >> 32) != ip)
                ++sources;
            accounts.push_back(std::int32_t(pairs[k] & 0xffffffff));
        }
        std::sort(accounts.begin(), accounts.end());
        accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
        std::size_t failures = 0;
        std::size_t total = 0;
        for (std::size_t i : idx) {
            if (accountsOf(ev[i].ip) > maxPerSource)
                continue;
            ++total;
            failures += ev[i].failure() ? 1 : 0;
        }
        std::size_t unknown = 0;
        for (const std::int32_t a : accounts)
            unknown += ctx.signedIn(a) ? 0 : 1;
        const bool listLike = double(unknown) >= minUnknown * double(accounts.size())
                              || double(failures) >= surge * usualFailures;
        const bool hit = sources >= minSources && accounts.size() >= minAccounts
                         && failures >= minFailures && double(failures) >= minRatio * double(total)
                         && listLike;
        if (!hit) {
            for (const std::uint64_t p : pairs)
                if (std::size_t(p >> 32) < perSource.size())
                    perSource[std::size_t(p >> 32)] = 0;
            reset();
            continue;
        }
        if (w != lastWindow + 1)
            flush();
        lastWindow = w;
        if (current.evidence.empty()) {
            current.kind = "credential_stuffing";
            current.rule = R;
            current.key = "t=" + isoSeconds(w * windowUs);
        }
        for (std::size_t i : idx) {
            const Ev &e = ev[i];
            if (accountsOf(e.ip) <= maxPerSource)
                ctx.addEvent(current, e);
        }
        for (const std::uint64_t p : pairs)
            if (std::size_t(p >> 32) < perSource.size())
                perSource[std::size_t(p >> 32)] = 0;
        reset();
        current.signalList.clear();
        current.addSignal("many_sources", 40 + scaled(double(current.ips.size()), 100, 15),
                          std::to_string(current.ips.size()) + " sources in one window");
        current.addSignal("many_accounts", 15 + scaled(double(current.accounts.size()), 500, 10),
                          std::to_string(current.accounts.size()) + " accounts tried");
        current.title = "Distributed credential stuffing: " + std::to_string(current.ips.size())
                        + " sources, " + std::to_string(current.accounts.size()) + " accounts";
    }
    flush();
}

} // namespace netcase
