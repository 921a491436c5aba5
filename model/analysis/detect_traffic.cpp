// Detections 9 and 10: request bursts and DDoS, and beaconing in flow records.

#include "beaconscore.h"
#include "context.h"
#include "detect.h"
#include "rules.h"
#include "surges.h"

#include "core/timeutil.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_set>

namespace netcase {

using namespace detail;

namespace {

double quantile(std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return 0;
    const double pos = q * double(sorted.size() - 1);
    const auto lo = std::size_t(pos);
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - double(lo));
}

/// RITA-style dispersion scores of a series: Bowley skewness and median absolute deviation.
struct Dispersion
{
    double skew = 0; ///< -1..1, 0 = symmetric
    double mad = 0;
    double median = 0;
};

Dispersion dispersion(std::vector<double> v)
{
    Dispersion d;
    if (v.size() < 3)
        return d;
    std::sort(v.begin(), v.end());
    const double q1 = quantile(v, 0.25);
    const double q2 = quantile(v, 0.5);
    const double q3 = quantile(v, 0.75);
    d.median = q2;
    // RITA's guard (calculateBowleySkewness): a narrow spread, or a median equal to a quartile
    // (most values alike), is no skew.
    d.skew = (q3 - q1) >= 10 && q2 != q1 && q2 != q3 ? (q1 + q3 - 2 * q2) / (q3 - q1) : 0;
    for (double &x : v)
        x = std::fabs(x - q2);
    std::sort(v.begin(), v.end());
    d.mad = quantile(v, 0.5);
    return d;
}

std::string targetName(const AnalysisContext &ctx, const Ev &e)
{
    if (e.dstIp)
        return ctx.data.ip(e.dstIp).ip;
    if (e.host)
        return ctx.data.str(e.host);
    return "the logged service";
}

} // namespace

void detectRequestBursts(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    if (!r.enabled("request_burst"))
        return;
    const auto windowUs = std::int64_t(r.num("request_burst", "window_s", 60) * kSecondUs);
    const auto minRequests = std::size_t(r.num("request_burst", "min_requests", 600));
    const auto &ev = ctx.data.events;
    auto groups = group(ev, kWeb, 0, [](const Ev &e) { return std::int64_t(e.ip); });
    for (auto &[ip, idx] : groups) {
        if (idx.size() < minRequests)
            continue;
        for (const auto &ep : episodes(ev, idx, windowUs)) {
            const std::size_t peak = maxInWindow(ev, ep, windowUs);
            if (peak < minRequests)
                continue;
            const AnalysisIp &info = ctx.data.ip(std::int32_t(ip));
            Finding f;
            f.kind = "request_burst";
            f.rule = "request_burst";
            f.key = "ip=" + info.ip + "|t=" + isoSeconds(ev[ep.front()].ts);
            for (std::size_t i : ep)
                ctx.addEvent(f, ev[i]);
            f.addSignal("request_rate",
                        30 + int(std::min(20.0, 10.0 * double(peak) / double(minRequests) - 10)),
                        std::to_string(peak) + " requests within "
                                + std::to_string(windowUs / kSecondUs) + " s");
            f.addCaveat("repeated_requests",
                        "repeated requests: a bot or scanner, but also a retry loop, a link "
                        "preview service or an impatient person");
            f.title = std::to_string(ep.size()) + " requests in a burst from " + info.ip;
            out.push_back(std::move(f));
        }
    }
}

void detectDdos(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    if (!r.enabled("ddos"))
        return;
    const auto windowUs = std::int64_t(r.num("ddos", "window_s", 60) * kSecondUs);
    const auto minSources = std::size_t(r.num("ddos", "min_sources", 100));
    const auto &ev = ctx.data.events;
    const std::vector<Surge> surges = findSurges(ctx.data, r);
    if (surges.empty())
        return;
    // When each source is active at all: a client that also talks to the target well before or
    // after the surge (a monitor, a regular customer) is listed apart, not as an attacker.
    std::unordered_map<std::int32_t, std::pair<std::int64_t, std::int64_t>> activeSpan;
    for (const Ev &e : ev) {
        if (!(e.flags & (kWeb | kFlow)) || !e.ip)
            continue;
        auto [it, inserted] = activeSpan.emplace(e.ip, std::make_pair(e.ts, e.ts));
        it->second.first = std::min(it->second.first, e.ts);
        it->second.second = std::max(it->second.second, e.ts);
    }
    const std::int64_t marginUs = 3600 * kSecondUs;
    std::unordered_map<std::int32_t, std::int32_t> pathOf; // url id -> path (no query) id
    std::map<std::string, std::int32_t> pathIds;
    auto path = [&](std::int32_t url) {
        auto [it, inserted] = pathOf.emplace(url, 0);
        if (inserted) {
            const std::string &u = ctx.data.str(url);
            it->second = pathIds.emplace(u.substr(0, u.find('?')), std::int32_t(pathIds.size()))
                                 .first->second;
        }
        return it->second;
    };
    for (const Surge &s : surges) {
        const std::int64_t from = ev[s.idx.front()].ts - marginUs;
        const std::int64_t to = ev[s.idx.back()].ts + marginUs;
        const std::string target = targetName(ctx, ev[s.idx.front()]);
        Finding f;
        f.kind = "ddos";
        f.rule = "ddos";
        f.details["target"] = target;
        f.key = "target=" + target + "|t=" + isoSeconds(s.firstWindow * windowUs);
        std::unordered_set<std::int32_t> regular;
        std::size_t failures = 0, web = 0, referrersKnown = 0, referred = 0;
        std::unordered_map<std::int32_t, std::size_t> perPath;
        for (std::size_t i : s.idx) {
            const Ev &e = ev[i];
            const auto &span = activeSpan[e.ip];
            if (span.first < from || span.second > to) {
                regular.insert(e.ip);
                continue;
            }
            ctx.addEvent(f, e);
            failures += e.failure() ? 1 : 0;
            if (!(e.flags & kWeb))
                continue;
            ++web;
            if (e.url)
                ++perPath[path(e.url)];
            if (const auto ref = ctx.data.referrer.find(e.id); ref != ctx.data.referrer.end()) {
                ++referrersKnown;
                referred += ref->second ? 1 : 0;
            }
        }
        if (f.ips.size() < minSources)
            continue;
        std::unordered_set<std::string> countries;
        for (const std::string &ip : f.ips)
            if (!ctx.data.ip(ctx.ipId(ip)).country.empty())
                countries.insert(ctx.data.ip(ctx.ipId(ip)).country);
        // Many sources alone are also a flash crowd; a flood shows in what they ask for: errors
        // (the service is overwhelmed or refuses), one path hammered, no referrers (no page
        // linked the visitors there).
        const double n = double(f.evidence.size());
        f.addSignal("many_sources", 20 + int(std::min(10.0, double(f.ips.size()) / 200.0)),
                    std::to_string(f.ips.size()) + " sources seen only during the surge");
        const double errorShare = double(failures) / std::max(1.0, n);
        if (errorShare >= 0.2)
            f.addSignal("error_rate", int(std::lround(std::min(1.0, errorShare / 0.8) * 20)),
                        std::to_string(int(errorShare * 100)) + "% of requests failed");
        std::size_t top = 0;
        for (const auto &[p, c] : perPath)
            top = std::max(top, c);
        const double topShare = web ? double(top) / double(web) : 0;
        if (web && topShare >= 0.5)
            f.addSignal("path_concentration", int(std::lround((topShare - 0.5) / 0.5 * 15)),
                        std::to_string(int(topShare * 100)) + "% of requests to one path");
        if (referrersKnown >= web / 2 && referrersKnown > 0) {
            const double none = 1 - double(referred) / double(referrersKnown);
            if (none >= 0.8)
                f.addSignal("no_referrers", int(std::lround((none - 0.8) / 0.2 * 10)),
                            std::to_string(int(none * 100)) + "% of requests name no referrer");
            else if (none <= 0.5)
                f.addSignal("referred_visitors", -10,
                            std::to_string(int((1 - none) * 100))
                                    + "% of requests came from a linking page");
        }
        if (f.asns.size() >= 20)
            f.addSignal("asn_spread", 5, std::to_string(f.asns.size()) + " networks");
        if (countries.size() >= 10)
            f.addSignal("country_spread", 5, std::to_string(countries.size()) + " countries");
        f.details["asns"] = f.asns.size();
        f.details["countries"] = countries.size();
        f.details["regular_clients_excluded"] = regular.size();
        f.details["error_share"] = std::lround(errorShare * 100) / 100.0;
        if (web) {
            f.details["top_path_share"] = std::lround(topShare * 100) / 100.0;
            f.details["distinct_paths"] = perPath.size();
        }
        if (referrersKnown)
            f.details["referrer_share"]
                    = std::lround(double(referred) / double(referrersKnown) * 100) / 100.0;
        f.addCaveat("flash_crowd", "many sources at once: also a flash crowd after a "
                                   "campaign, a link from a popular site, or a crawler farm");
        f.title = "Many sources against " + target + ": " + std::to_string(f.ips.size())
                  + " addresses";
        out.push_back(std::move(f));
    }
}

void detectBeaconing(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "beaconing";
    if (!r.enabled(R))
        return;
    const auto minConn = std::size_t(r.num(R, "min_connections", 20));
    const double minScore = r.num(R, "min_score", 0.7);
    // Jitter is judged against the interval (RITA): 30 s of jitter ruins a 60 s beacon, not an
    // hourly one. A median gap under min_interval_s is a burst or a stream, and a series shorter
    // than min_span_s has not repeated long enough to tell.
    const double tsMadRatio = r.num(R, "ts_mad_full_ratio", 0.25);
    const auto minIntervalS = r.num(R, "min_interval_s", 10);
    const auto minSpanUs = std::int64_t(r.num(R, "min_span_s", 1800) * kSecondUs);
    const double dsMadFull = r.num(R, "ds_mad_full_bytes", 32);
    // RITA v5's weights of the four scores and its histogram and duration settings.
    const double wTs = r.num(R, "ts_weight", 0.25);
    const double wDs = r.num(R, "ds_weight", 0.25);
    const double wHist = r.num(R, "hist_weight", 0.25);
    const double wDur = r.num(R, "dur_weight", 0.25);
    BeaconHistogramParams hp;
    hp.modeSensitivity = r.num(R, "hist_mode_sensitivity", 0.05);
    hp.outlierRemoval = int(r.num(R, "hist_bimodal_outlier_removal", 1));
    hp.bimodalMinHours = int(r.num(R, "hist_bimodal_min_hours", 11));
    const int durMinHours = int(r.num(R, "dur_min_hours", 6));
    const int durIdealHours = int(r.num(R, "dur_ideal_consistent_hours", 12));
    const auto popular = std::size_t(r.num(R, "popular_destination_sources", 10));
    std::unordered_set<int> quietPorts;
    for (const std::string &p : r.strings(R, "quiet_ports"))
        quietPorts.insert(std::atoi(p.c_str()));
    const auto &ev = ctx.data.events;
    std::map<std::tuple<std::int32_t, std::int32_t, std::int32_t>, std::vector<std::size_t>> pairs;
    std::map<std::pair<std::int32_t, std::int32_t>, std::unordered_set<std::int32_t>> sourcesOf;
    std::int64_t flowsFirst = 0; // the flows' span: RITA's dataset span for the coverage
    std::int64_t flowsLast = 0;
    bool anyFlow = false;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const Ev &e = ev[i];
        if (!(e.flags & kFlow) || !e.ip)
            continue;
        flowsFirst = anyFlow ? std::min(flowsFirst, e.ts) : e.ts;
        flowsLast = anyFlow ? std::max(flowsLast, e.ts) : e.ts;
        anyFlow = true;
        pairs[{e.ip, e.dstIp, e.dstPort}].push_back(i);
        sourcesOf[{e.dstIp, e.dstPort}].insert(e.ip);
    }
    std::map<std::pair<std::int32_t, std::int32_t>, Finding> shared;
    for (const auto &[k, idx] : pairs) {
        if (idx.size() < minConn || ev[idx.back()].ts - ev[idx.front()].ts < minSpanUs)
            continue;
        std::vector<double> gaps;
        std::vector<double> sizes;
        for (std::size_t n = 0; n < idx.size(); ++n) {
            if (n > 0)
                gaps.push_back(double(ev[idx[n]].ts - ev[idx[n - 1]].ts) / kSecondUs);
            if (ev[idx[n]].srcBytes >= 0)
                sizes.push_back(double(ev[idx[n]].srcBytes));
        }
        const Dispersion ts = dispersion(gaps);
        if (ts.median <= 0 || ts.median < minIntervalS)
            continue;
        // RITA v5's timestamp score: symmetry and jitter (the connection count is the duration
        // score's part now).
        const double tsScore
                = ((1 - std::fabs(ts.skew)) + std::max(0.0, 1 - ts.mad / (ts.median * tsMadRatio)))
                  / 2;
        double dsScore = -1;
        if (sizes.size() >= minConn) {
            const Dispersion ds = dispersion(sizes);
            dsScore = ((1 - std::fabs(ds.skew)) + std::max(0.0, 1 - ds.mad / dsMadFull)
                       + std::max(0.0, 1 - ds.median / 65535.0))
                      / 3;
        }
        std::vector<std::int64_t> times;
        times.reserve(idx.size());
        for (std::size_t n : idx)
            times.push_back(ev[n].ts);
        const BeaconHistogram hist = beaconHistogram(times, hp);
        const double durScore = beaconDurationScore(flowsFirst, flowsLast, times.front(),
                                                    times.back(), hist, durMinHours, durIdealHours);
        const double weights = wTs + wHist + wDur + (dsScore < 0 ? 0 : wDs);
        const double score = weights <= 0 ? 0
                                          : (wTs * tsScore + wHist * hist.score + wDur * durScore
                                             + (dsScore < 0 ? 0 : wDs * dsScore))
                                                    / weights;
        if (score < minScore)
            continue;
        const auto [src, dst, port] = k;
        const std::size_t peers = sourcesOf[{dst, port}].size();
        const bool quiet = quietPorts.count(port) > 0;
        // A well-known periodic service or a destination many hosts poll is one finding per
        // destination, not one per client: it must not crowd out a real beacon.
        const bool aggregate = quiet || peers >= popular;
        Finding own;
        Finding &f = aggregate ? shared[{dst, port}] : own;
        const bool fresh = f.evidence.empty();
        f.kind = "beaconing";
        f.rule = R;
        f.key = aggregate
                        ? "dst=" + ctx.data.ip(dst).ip + "|port=" + std::to_string(port) + "|shared"
                        : "src=" + ctx.data.ip(src).ip + "|dst=" + ctx.data.ip(dst).ip
                                  + "|port=" + std::to_string(port);
        for (std::size_t n = 0; n < idx.size() && (!aggregate || n < 20); ++n)
            ctx.addEvent(f, ev[idx[n]]);
        f.ips.insert(ctx.data.ip(dst).ip);
        if (!fresh)
            continue; // the shared finding keeps the first client's scores as its example
        f.addSignal("regular_intervals", int(std::lround(tsScore * 45)),
                    "every " + std::to_string(int(ts.median)) + " s, jitter (MAD) "
                            + std::to_string(int(ts.mad)) + " s");
        if (dsScore >= 0)
            f.addSignal("consistent_sizes", int(std::lround(dsScore * 25)),
                        "size score " + std::to_string(int(dsScore * 100)) + "%");
        f.addSignal("connections", int(std::min(10.0, double(idx.size()) / 20)),
                    std::to_string(idx.size()) + " connections");
        // RITA's histogram: a beacon keeps calling hour after hour at a steady rate, or at two
        // rates (day and night, awake and asleep); connections that bunch into a few hours at
        // uneven rates are sessions that happen to be regular inside.
        f.details["histogram_score"] = std::lround(hist.score * 100) / 100.0;
        f.details["bimodal_fit"] = std::lround(hist.bimodalFit * 100) / 100.0;
        f.details["hours_seen"] = hist.hoursSeen;
        f.details["hours_spanned"] = hist.bins;
        f.details["longest_run_hours"] = hist.longestRun;
        f.details["duration_score"] = std::lround(durScore * 100) / 100.0;
        if (hist.score < 0.5)
            f.addSignal("bunched_in_time", -15,
                        "connections in " + std::to_string(hist.hoursSeen) + " of "
                                + std::to_string(hist.bins)
                                + " hours at uneven rates: sessions or bursts, not a steady "
                                  "beacon");
        if (quiet)
            f.addSignal("well_known_periodic_service", -50,
                        "port " + std::to_string(port) + " is a periodic service (NTP)");
        if (peers >= popular)
            f.addSignal("popular_destination", -40,
                        std::to_string(peers)
                                + " hosts contact this destination: an update or "
                                  "telemetry service");
        f.details["score"] = std::lround(score * 100) / 100.0;
        f.details["interval_s"] = ts.median;
        f.title = aggregate ? "Periodic connections from " + std::to_string(peers) + " hosts to "
                                      + ctx.data.ip(dst).ip + ":" + std::to_string(port)
                            : "Beaconing " + ctx.data.ip(src).ip + " -> " + ctx.data.ip(dst).ip
                                      + ":" + std::to_string(port) + " every "
                                      + std::to_string(int(ts.median)) + " s";
        f.addCaveat("periodic_software", "regular connections are also what backup agents, "
                                         "update checks, monitoring and chat clients make");
        if (!aggregate)
            out.push_back(std::move(own));
    }
    for (auto &[key, f] : shared)
        out.push_back(std::move(f));
}

} // namespace netcase
