// Detection 5: impossible travel between consecutive successful sign-ins of one account. Several
// accounts jumping between the same two addresses (a corporate VPN pair, an office's two exits)
// are one finding listing them.

#include "context.h"
#include "detect.h"
#include "rules.h"

#include "core/geo.h"

#include "core/timeutil.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace netcase {

using namespace detail;

namespace {

bool mobile(const AnalysisIp &i)
{
    return i.networkType == "cellular" || i.networkType == "mobile";
}

/// Another jump between a finding's two addresses: its sign-ins join the evidence and the jump
/// is counted; travel back and forth between the same two addresses again and again is what a
/// VPN or a shared egress switching does, more than a person flying.
void repeatJump(const AnalysisContext &ctx, Finding &f, const Ev &a, const Ev &b, int direction)
{
    for (const Ev *e : {&a, &b})
        if (std::find(f.evidence.begin(), f.evidence.end(), e->id) == f.evidence.end())
            ctx.addEvent(f, *e);
    const int jumps = f.details.value("jumps", 1) + 1;
    f.details["jumps"] = jumps;
    if (direction < 0)
        f.details["returns"] = f.details.value("returns", 0) + 1;
    const std::string base = f.details.value("title", f.title);
    f.details["title"] = base;
    f.title = base + " (" + std::to_string(jumps) + " jumps between the two addresses)";
    const bool alternating = f.details.value("returns", 0) >= 2 && jumps >= 4;
    const bool marked = std::any_of(f.signalList.begin(), f.signalList.end(),
                                    [](const Signal &s) { return s.name == "back_and_forth"; });
    if (alternating && !marked)
        f.addSignal("back_and_forth", -15,
                    "the account switches between these two addresses again and again");
}

const Signal *signalOf(const Finding &f, const char *name)
{
    for (const Signal &s : f.signalList)
        if (s.name == name)
            return &s;
    return nullptr;
}

/// The travel findings of [begin, end) of out whose two addresses at least minAccounts accounts
/// share become one finding: the jumps of many people between the same two addresses are a
/// shared pair of exits, not that many journeys. A finding with a sensitive action after the
/// jump stays on its own (something was done from there), and so do pairs with fewer accounts.
void foldSharedPairs(Findings &out, std::size_t begin, std::size_t minAccounts)
{
    std::map<std::string, std::vector<std::size_t>> byPair;
    for (std::size_t i = begin; i < out.size(); ++i) {
        const Finding &f = out[i];
        if (signalOf(f, "sensitive_action_after"))
            continue;
        const auto from = f.details.value("from", std::string());
        const auto to = f.details.value("to", std::string());
        byPair[from < to ? from + "|" + to : to + "|" + from].push_back(i);
    }
    std::vector<bool> folded(out.size(), false);
    std::vector<Finding> merged;
    for (const auto &[pair, idx] : byPair) {
        if (idx.size() < minAccounts)
            continue;
        // The strongest member's signals speak for the pair.
        const std::size_t top = *std::max_element(idx.begin(), idx.end(), [&](auto a, auto b) {
            return out[a].severity() < out[b].severity();
        });
        Finding f;
        f.kind = out[top].kind;
        f.rule = out[top].rule;
        f.key = "pair=" + pair;
        f.signalList = out[top].signalList;
        auto members = nlohmann::json::array();
        int jumps = 0;
        int fastest = 0;
        for (std::size_t i : idx) {
            Finding &m = out[i];
            for (std::size_t k = 0; k < m.evidence.size(); ++k)
                f.evidence.push_back(m.evidence[k]);
            f.firstTs = f.evidence.size() == m.evidence.size() ? m.firstTs
                                                               : std::min(f.firstTs, m.firstTs);
            f.lastTs = std::max(f.lastTs, m.lastTs);
            f.ips.insert(m.ips.begin(), m.ips.end());
            f.accounts.insert(m.accounts.begin(), m.accounts.end());
            f.asns.insert(m.asns.begin(), m.asns.end());
            const int j = m.details.value("jumps", 1);
            jumps += j;
            fastest = std::max(fastest, m.details.value("speed_kmh", 0));
            members.push_back({{"account", *m.accounts.begin()},
                               {"jumps", j},
                               {"speed_kmh", m.details.value("speed_kmh", 0)},
                               {"first", isoSeconds(m.firstTs)},
                               {"last", isoSeconds(m.lastTs)},
                               {"finding_key", m.key}});
            folded[i] = true;
        }
        std::sort(f.evidence.begin(), f.evidence.end());
        f.evidence.erase(std::unique(f.evidence.begin(), f.evidence.end()), f.evidence.end());
        const std::string a = pair.substr(0, pair.find('|'));
        const std::string b = pair.substr(pair.find('|') + 1);
        f.addSignal("shared_address_pair", -20,
                    std::to_string(idx.size()) + " accounts jump between " + a + " and " + b
                            + ": a corporate VPN, a proxy or an office's two exits, not "
                            + std::to_string(idx.size()) + " journeys");
        f.title = std::to_string(idx.size()) + " accounts between " + a + " and " + b + ": "
                  + std::to_string(jumps) + " jumps, up to " + std::to_string(fastest) + " km/h";
        f.details["members"] = std::move(members);
        f.details["members_total"] = idx.size();
        f.details["jumps"] = jumps;
        f.details["speed_kmh"] = fastest;
        merged.push_back(std::move(f));
    }
    if (merged.empty())
        return;
    Findings kept(std::make_move_iterator(out.begin()),
                  std::make_move_iterator(out.begin() + std::ptrdiff_t(begin)));
    for (std::size_t i = begin; i < out.size(); ++i)
        if (!folded[i])
            kept.push_back(std::move(out[i]));
    for (Finding &f : merged)
        kept.push_back(std::move(f));
    out = std::move(kept);
}

} // namespace

void detectImpossibleTravel(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    if (!r.enabled("impossible_travel"))
        return;
    const char *R = "impossible_travel";
    const double maxSpeed = r.num(R, "max_speed_kmh", 900);
    const double minDistance = r.num(R, "min_distance_km", 100);
    const double defaultAccuracy = r.num(R, "default_accuracy_km", 25);
    const auto followUs = std::int64_t(r.num(R, "followup_window_s", 3600) * kSecondUs);
    const int habitualDays = int(r.num("baseline", "habitual_days", 3));
    const auto pairAccounts = std::size_t(r.num(R, "shared_pair_min_accounts", 3));
    const std::size_t begin = out.size();
    const auto &ev = ctx.data.events;
    std::vector<std::size_t> idx;
    // One finding per account and pair of addresses: a later jump between the same two (either
    // way) joins it as another member instead of making a finding of its own.
    std::unordered_map<std::string, std::size_t> reported; // pair -> index in out
    std::unordered_map<std::int64_t, std::size_t> firstUse;
    for (std::size_t user = 1; user < ctx.byUser.keys(); ++user) {
        if (ctx.byUser[std::int64_t(user)].size() < 2)
            continue;
        select(ev, ctx.byUser[std::int64_t(user)], idx, [&](const Ev &e) {
            return (e.flags & kAuth) && e.success() && ctx.data.ip(e.ip).hasGeo;
        });
        reported.clear();
        firstUse.clear();
        for (std::size_t k = 1; k < idx.size(); ++k) {
            const Ev &b = ev[idx[k]];
            const Ev &a = ev[idx[k - 1]];
            if (a.ip == b.ip)
                continue;
            const AnalysisIp &ia = ctx.data.ip(a.ip);
            const AnalysisIp &ib = ctx.data.ip(b.ip);
            // The dual-stack pair of one network (IPv4 and IPv6 of the same client) is not travel.
            if (ia.family != ib.family && ia.asn > 0 && ia.asn == ib.asn)
                continue;
            // One place (the addresses of one network often share it) is no distance.
            const double raw = (ia.lat == ib.lat && ia.lon == ib.lon)
                                       ? 0.0
                                       : greatCircleKm(ia.lat, ia.lon, ib.lat, ib.lon);
            const double accA = ia.accuracyKm >= 0 ? ia.accuracyKm : defaultAccuracy;
            const double accB = ib.accuracyKm >= 0 ? ib.accuracyKm : defaultAccuracy;
            const double distance = raw - accA - accB;
            if (distance < minDistance)
                continue;
            const double hours = std::max(double(b.ts - a.ts) / 3600.0 / kSecondUs, 1.0 / 60);
            const double speed = distance / hours;
            if (speed <= maxSpeed)
                continue;
            const std::string account = ctx.data.str(std::int32_t(user));
            const std::string key = "account=" + account + "|from=" + ia.ip + "|to=" + ib.ip;
            const std::string pair = ia.ip < ib.ip ? ia.ip + "|" + ib.ip : ib.ip + "|" + ia.ip;
            if (const auto seen = reported.find(pair); seen != reported.end()) {
                repeatJump(ctx, out[seen->second], a, b,
                           ia.ip != out[seen->second].details.value("from", std::string()) ? -1
                                                                                           : 1);
                continue;
            }
            reported.emplace(pair, out.size());
            // A network the account had not used in any earlier geolocated sign-in (where each
            // network was first used is looked up once per account, when it has a finding).
            if (firstUse.empty())
                for (std::size_t j = 0; j < idx.size(); ++j)
                    firstUse.emplace(ctx.data.ip(ev[idx[j]].ip).asn, j);
            const bool newAsn = firstUse.find(ib.asn)->second == k;
            Finding f;
            f.kind = "impossible_travel";
            f.rule = R;
            f.key = key;
            ctx.addEvent(f, a);
            ctx.addEvent(f, b);
            f.title = account + ": " + (ia.country.empty() ? ia.ip : ia.country) + " to "
                      + (ib.country.empty() ? ib.ip : ib.country) + " at "
                      + std::to_string(int(speed)) + " km/h";
            f.addSignal("speed", 50,
                        std::to_string(int(distance)) + " km (after accuracy radii) in "
                                + std::to_string(int(hours * 60))
                                + " min = " + std::to_string(int(speed)) + " km/h");
            if (speed > 3 * maxSpeed)
                f.addSignal("far_beyond_flight", 10, "more than three times airliner speed");
            if (newAsn)
                f.addSignal("new_network", 10,
                            "the account had not used AS" + std::to_string(ib.asn) + " before");
            if (ia.asn > 0 && ia.asn == ib.asn)
                f.addSignal("same_network", -25,
                            "both sign-ins come from AS" + std::to_string(ia.asn)
                                    + ": a carrier or VPN moving its exit, or coarse geolocation");
            if (mobile(ia) || mobile(ib))
                f.addSignal("mobile_network", -15,
                            "mobile geolocation follows the carrier's "
                            "gateway, not the phone");
            if (ia.vpn || ib.vpn)
                f.addSignal("vpn_endpoint", -10, "a VPN exit on one side");
            // The organisation's egress (an office NAT, a corporate VPN exit) on one side and a
            // network the account uses habitually on the other: a person connecting to the VPN
            // from home, not a journey. A new address facing the office is not explained by it.
            const bool egressA = !ctx.egressReason(a.ip).empty();
            const bool egressB = !ctx.egressReason(b.ip).empty();
            if ((egressA && egressB) || (egressA && ctx.daysOnNetwork(b.user, b.ip) >= habitualDays)
                || (egressB && ctx.daysOnNetwork(a.user, a.ip) >= habitualDays))
                ctx.mitigateEgress(f, {egressA ? a.ip : b.ip}, "travel_weight");
            // A sensitive action soon after the jump, from the new address, by the same account.
            for (std::size_t i = idx[k] + 1; i < ev.size() && ev[i].ts - b.ts <= followUs; ++i) {
                const Ev &e = ev[i];
                if ((e.flags & kSensitive) && e.user == b.user && e.ip == b.ip) {
                    ctx.addEvent(f, e);
                    f.addSignal("sensitive_action_after", 20,
                                "a sensitive action (" + ctx.data.str(e.action)
                                        + ctx.data.str(e.url) + ") followed from the new address");
                    break;
                }
            }
            f.details["distance_km"] = int(distance);
            f.details["speed_kmh"] = int(speed);
            f.details["from"] = ia.ip;
            f.details["to"] = ib.ip;
            out.push_back(std::move(f));
        }
    }
    foldSharedPairs(out, begin, pairAccounts);
}

} // namespace netcase
