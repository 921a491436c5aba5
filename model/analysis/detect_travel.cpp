// Detection 5: impossible travel between consecutive successful sign-ins of one account.

#include "context.h"
#include "detect.h"
#include "rules.h"

#include "core/geo.h"

#include <algorithm>
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
            out.push_back(std::move(f));
        }
    }
}

} // namespace netcase
