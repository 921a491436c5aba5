// Detections 14-16 on flow records (Zeek conn, NetFlow/nfdump), after RITA's long-connection
// and data-size analyses: connections held open for hours, gigabytes sent out, and destination
// ports no other host uses, used again and again. Only flows to public destinations count; a
// destination many internal hosts use (a conferencing, backup or update service) scores down.

#include "context.h"
#include "detect.h"
#include "rules.h"

#include "core/timeutil.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace netcase {

using namespace detail;

namespace {

constexpr std::int64_t kHourUs = 3600 * kSecondUs;
constexpr std::int64_t kDayUs = 24 * kHourUs;

std::string hours(std::int64_t us)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f h", double(us) / double(kHourUs));
    return buf;
}

std::string gigabytes(std::int64_t bytes)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f GB", double(bytes) / 1e9);
    return buf;
}

/// Who talks to which public destination: the internal sources of each destination and port.
struct FlowPeers
{
    std::unordered_map<std::int32_t, std::unordered_set<std::int32_t>> sourcesOfDst;
    std::unordered_map<std::int32_t, std::unordered_set<std::int32_t>> sourcesOfPort;
    std::size_t popular = 10;

    explicit FlowPeers(const AnalysisContext &ctx)
        : popular(std::size_t(ctx.rules.num("beaconing", "popular_destination_sources", 10)))
    {
        for (const Ev &e : ctx.data.events) {
            if (!(e.flags & kFlow) || !e.ip || ctx.data.ip(e.dstIp).privateOrLoopback())
                continue;
            sourcesOfDst[e.dstIp].insert(e.ip);
            sourcesOfPort[e.dstPort].insert(e.ip);
        }
    }
    std::size_t ofDst(std::int32_t dst) const
    {
        const auto it = sourcesOfDst.find(dst);
        return it == sourcesOfDst.end() ? 0 : it->second.size();
    }
};

/// The destination's own weight: a data centre or an anonymiser, a destination only this
/// source contacts, and many hosts contacting it (a shared service) as mitigation.
void judgeDestination(const AnalysisContext &ctx,
                      const FlowPeers &peers,
                      Finding &f,
                      std::int32_t dst,
                      bool rarityCounts)
{
    const AnalysisIp &d = ctx.data.ip(dst);
    if (d.anonymiser() || d.dataCentre())
        f.addSignal("hosting_destination", 10,
                    d.ip + (d.anonymiser() ? " is an anonymiser" : " is in a data centre"));
    const std::size_t n = peers.ofDst(dst);
    if (n >= peers.popular)
        f.addSignal("popular_destination", -25,
                    std::to_string(n) + " internal hosts use this destination: a shared service");
    else if (n == 1 && rarityCounts)
        f.addSignal("rare_destination", 10, "no other host contacts " + d.ip);
}

/// A per-host baseline after RITA's first-seen modifier (a destination the host has used for a
/// long time scores down): the host reached the destination on at least `days` UTC days, and
/// on most of them alike: at least `days` daily values lie within `factor` of their median, and
/// so does the largest (the one a finding is about). Returns the number of such days, or 0.
std::size_t routineDays(std::vector<std::int64_t> daily, std::size_t days, double factor)
{
    if (daily.size() < std::max<std::size_t>(1, days))
        return 0;
    std::sort(daily.begin(), daily.end());
    const double median = double(daily[daily.size() / 2]);
    if (double(daily.back()) > median * factor)
        return 0;
    const auto alike = std::size_t(std::count_if(daily.begin(), daily.end(), [&](std::int64_t v) {
        return double(v) * factor >= median && double(v) <= median * factor;
    }));
    return alike >= days ? alike : 0;
}

} // namespace

void detectLongConnections(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "long_connection";
    if (!r.enabled(R) || ctx.data.flowDurationUs.empty())
        return;
    // RITA v5's long-connection thresholds (base 1 h, low 4 h, medium 8 h, high 12 h), applied to
    // the longest single connection: many short ones (a backup's, a browser's) are no session.
    const auto baseUs = std::int64_t(r.num(R, "base_s", 3600) * kSecondUs);
    const auto lowUs = std::int64_t(r.num(R, "low_s", 4 * 3600) * kSecondUs);
    const auto mediumUs = std::int64_t(r.num(R, "medium_s", 8 * 3600) * kSecondUs);
    const auto highUs = std::int64_t(r.num(R, "high_s", 12 * 3600) * kSecondUs);
    const auto baselineDays = std::size_t(r.num(R, "routine_days", 3));
    const double similar = r.num(R, "routine_similar_factor", 3);
    const auto &ev = ctx.data.events;
    std::map<std::tuple<std::int32_t, std::int32_t, std::int32_t>, std::vector<std::size_t>> pairs;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const Ev &e = ev[i];
        if ((e.flags & kFlow) && e.ip && ctx.data.flowDurationUs.count(e.id)
            && !ctx.data.ip(e.dstIp).privateOrLoopback())
            pairs[{e.ip, e.dstIp, e.dstPort}].push_back(i);
    }
    const FlowPeers peers(ctx);
    // A destination many hosts hold long connections to (a conferencing or VPN service) is one
    // finding for all of them, so it cannot crowd the list.
    std::map<std::pair<std::int32_t, std::int32_t>, std::vector<std::size_t>> shared;
    std::vector<std::pair<std::vector<std::size_t>, std::size_t>> groups; // (flows, sources)
    for (const auto &[k, idx] : pairs) {
        const auto [src, dst, port] = k;
        if (peers.ofDst(dst) >= peers.popular) {
            auto &all = shared[{dst, port}];
            all.insert(all.end(), idx.begin(), idx.end());
        } else {
            groups.emplace_back(idx, 1);
        }
    }
    for (auto &[k, idx] : shared) {
        std::sort(idx.begin(), idx.end());
        std::set<std::int32_t> sources;
        for (std::size_t i : idx)
            sources.insert(ev[i].ip);
        groups.emplace_back(idx, sources.size());
    }
    for (const auto &[idx, sources] : groups) {
        std::int64_t total = 0, longest = 0;
        std::map<std::int64_t, std::int64_t> longestOfDay; // one host's long connections a day
        for (std::size_t i : idx) {
            const std::int64_t d = ctx.data.flowDurationUs.at(ev[i].id);
            total += d;
            longest = std::max(longest, d);
            if (sources == 1 && d >= baseUs) {
                std::int64_t &day = longestOfDay[ev[i].ts / kDayUs];
                day = std::max(day, d);
            }
        }
        if (longest < baseUs)
            continue;
        std::vector<std::int64_t> daily;
        for (const auto &[day, d] : longestOfDay)
            daily.push_back(d);
        const std::size_t routine = routineDays(daily, baselineDays, similar);
        const Ev &first = ev[idx.front()];
        const std::string src = ctx.data.ip(first.ip).ip;
        const std::string dst = ctx.data.ip(first.dstIp).ip + ":" + std::to_string(first.dstPort);
        Finding f;
        f.kind = "long_connection";
        f.rule = R;
        f.key = (sources > 1 ? "shared" : "src=" + src) + "|dst=" + dst;
        for (std::size_t i : idx)
            ctx.addEvent(f, ev[i]);
        f.ips.insert(ctx.data.ip(first.dstIp).ip);
        const int weight = longest >= highUs     ? 55
                           : longest >= mediumUs ? 45
                           : longest >= lowUs    ? 35
                                                 : 20;
        f.addSignal("long_duration", weight,
                    "one connection open for " + hours(longest) + ", " + hours(total) + " in "
                            + std::to_string(idx.size()) + " connections of "
                            + std::to_string(int(r.num(R, "min_connection_s", 600) / 60))
                            + " min or more");
        if (routine)
            f.addSignal("routine_destination", -25,
                        "this host held connections of similar length to it on "
                                + std::to_string(routine)
                                + " days: its own remote desktop, VPN "
                                  "or work session");
        judgeDestination(ctx, peers, f, first.dstIp, !routine);
        if (sources == 1)
            f.details["days"] = longestOfDay.size();
        f.details["total_s"] = total / kSecondUs;
        f.details["longest_s"] = longest / kSecondUs;
        f.title = (sources > 1 ? "Long connections from " + std::to_string(sources) + " hosts to "
                               : "Long connection " + src + " -> ")
                  + dst + ": longest " + hours(longest) + " (" + std::to_string(idx.size())
                  + " connections, " + hours(total) + " in all)";
        f.addCaveat("long_lived_session",
                    "video calls, VPN tunnels, remote desktop and SSH sessions, chat and push "
                    "clients and streaming hold connections open for hours");
        out.push_back(std::move(f));
    }
}

void detectLargeTransfers(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "large_transfer";
    if (!r.enabled(R))
        return;
    const auto minBytes = std::int64_t(r.num(R, "min_bytes", 1e9));
    const int scheduledDays = int(r.num(R, "scheduled_days", 3));
    const auto baselineDays = std::size_t(r.num(R, "routine_days", 3));
    const double similar = r.num(R, "routine_similar_factor", 3);
    const auto &ev = ctx.data.events;
    // (source, destination) -> day -> flows; bytes the source sent (orig_bytes).
    std::map<std::pair<std::int32_t, std::int32_t>,
             std::map<std::int64_t, std::vector<std::size_t>>>
            pairs;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const Ev &e = ev[i];
        if (!(e.flags & kFlow) || !e.ip || e.srcBytes <= 0
            || ctx.data.ip(e.dstIp).privateOrLoopback())
            continue;
        pairs[{e.ip, e.dstIp}][e.ts / kDayUs].push_back(i);
    }
    const FlowPeers peers(ctx);
    for (const auto &[k, days] : pairs) {
        std::vector<std::pair<std::int64_t, std::int64_t>> big; // (day, bytes)
        std::int64_t largest = 0, sent = 0, received = 0;
        std::vector<std::int64_t> daily; // what the host sends there each day it sends anything
        for (const auto &[day, idx] : days) {
            std::int64_t out = 0;
            for (std::size_t i : idx)
                out += ev[i].srcBytes;
            daily.push_back(out);
            if (out >= minBytes) {
                big.emplace_back(day, out);
                largest = std::max(largest, out);
            }
        }
        if (big.empty())
            continue;
        const auto [src, dst] = k;
        Finding f;
        f.kind = "large_transfer";
        f.rule = R;
        f.key = "src=" + ctx.data.ip(src).ip + "|dst=" + ctx.data.ip(dst).ip;
        auto list = nlohmann::json::array();
        for (const auto &[day, bytes] : big) {
            for (std::size_t i : days.at(day)) {
                ctx.addEvent(f, ev[i]);
                sent += ev[i].srcBytes;
                received += std::max<std::int64_t>(0, ev[i].dstBytes);
            }
            list.push_back({{"day", isoSeconds(day * kDayUs).substr(0, 10)}, {"bytes", bytes}});
        }
        f.ips.insert(ctx.data.ip(dst).ip);
        f.details["days"] = std::move(list);
        f.details["bytes_sent"] = sent;
        // 1 GB 30, each fourfold more +10, up to 50.
        int weight = 30;
        for (std::int64_t b = minBytes * 4; b <= largest && weight < 50; b *= 4)
            weight += 10;
        f.addSignal("data_size", weight,
                    gigabytes(largest) + " sent on the largest day" + " to " + ctx.data.ip(dst).ip);
        if (sent >= 10 * std::max<std::int64_t>(1, received))
            f.addSignal("mostly_outbound", 10,
                        gigabytes(sent) + " sent, " + gigabytes(received) + " received");
        const bool scheduled = int(big.size()) >= scheduledDays;
        // Below the gigabyte on most days, the host still sends there routinely and about as
        // much: a sync job with a busy day, not a first upload.
        const std::size_t routine = scheduled ? 0 : routineDays(daily, baselineDays, similar);
        if (scheduled)
            f.addSignal("scheduled_transfer", -30,
                        "the same transfer on " + std::to_string(big.size())
                                + " days: a backup or sync job");
        else if (routine)
            f.addSignal("routine_destination", -30,
                        "this host sent similar amounts to it on " + std::to_string(routine)
                                + " days: a sync or backup job with a busy day");
        f.details["days_sending"] = daily.size();
        judgeDestination(ctx, peers, f, dst, !scheduled && !routine);
        f.title = "Large outbound transfer " + ctx.data.ip(src).ip + " -> " + ctx.data.ip(dst).ip
                  + ": " + gigabytes(sent) + " on " + std::to_string(big.size())
                  + (big.size() == 1 ? " day" : " days");
        f.addCaveat("bulk_upload", "backups, cloud file sync, video uploads and deployments "
                                   "send gigabytes out; so does exfiltration");
        out.push_back(std::move(f));
    }
}

void detectRarePorts(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "rare_port";
    if (!r.enabled(R))
        return;
    const auto maxSources = std::size_t(r.num(R, "max_sources", 1));
    const auto minConn = std::size_t(r.num(R, "min_connections", 10));
    const auto minSpanUs = std::int64_t(r.num(R, "min_span_s", 3600) * kSecondUs);
    std::unordered_set<int> common;
    for (const std::string &p : r.strings(R, "common_ports"))
        common.insert(std::atoi(p.c_str()));
    const FlowPeers peers(ctx);
    const auto &ev = ctx.data.events;
    // (source, port) -> flows, for the ports few sources use.
    std::map<std::pair<std::int32_t, std::int32_t>, std::vector<std::size_t>> uses;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const Ev &e = ev[i];
        if (!(e.flags & kFlow) || !e.ip || e.dstPort <= 0 || common.count(e.dstPort)
            || ctx.data.ip(e.dstIp).privateOrLoopback())
            continue;
        const auto it = peers.sourcesOfPort.find(e.dstPort);
        if (it != peers.sourcesOfPort.end() && it->second.size() <= maxSources)
            uses[{e.ip, e.dstPort}].push_back(i);
    }
    for (const auto &[k, idx] : uses) {
        if (idx.size() < minConn || ev[idx.back()].ts - ev[idx.front()].ts < minSpanUs)
            continue;
        const auto [src, port] = k;
        Finding f;
        f.kind = "rare_port";
        f.rule = R;
        f.key = "src=" + ctx.data.ip(src).ip + "|port=" + std::to_string(port);
        std::set<std::int32_t> dsts;
        for (std::size_t i : idx) {
            ctx.addEvent(f, ev[i]);
            dsts.insert(ev[i].dstIp);
            f.ips.insert(ctx.data.ip(ev[i].dstIp).ip);
        }
        std::set<std::int64_t> daysSeen;
        for (std::size_t i : idx)
            daysSeen.insert(ev[i].ts / kDayUs);
        f.addSignal("rare_port", 30,
                    "port " + std::to_string(port) + " is used by no other host in the case");
        f.addSignal("repeated_use", 5 + int(std::min(10.0, double(idx.size()) / 10.0)),
                    std::to_string(idx.size()) + " connections over "
                            + hours(ev[idx.back()].ts - ev[idx.front()].ts));
        if (dsts.size() == 1)
            judgeDestination(ctx, peers, f, *dsts.begin(), false);
        f.details["destinations"] = dsts.size();
        f.details["days"] = daysSeen.size();
        f.title = "Rare port " + std::to_string(port) + " from " + ctx.data.ip(src).ip + ": "
                  + std::to_string(idx.size()) + " connections to " + std::to_string(dsts.size())
                  + (dsts.size() == 1 ? " destination" : " destinations");
        f.addCaveat("custom_service",
                    "a vendor application, licence server, game, VPN or peer-to-peer client "
                    "can use a port of its own");
        out.push_back(std::move(f));
    }
}

} // namespace netcase
