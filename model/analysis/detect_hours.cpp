// Detection 13: unusual access hours against an account's own baseline. Each account's
// hour-of-day histogram is learned from its own activity (every event of the account that did
// not fail) over the days before; once it spans enough active days, activity at an hour the
// account never used (nor the hour before or after) is a low-to-medium finding. The hour is
// counted in UTC unless the rule's utc_offset_minutes says otherwise: a relative baseline needs
// no time zone, only a display one.

#include "context.h"
#include "detect.h"
#include "rules.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <set>

namespace netcase {

using namespace detail;

namespace {

constexpr std::int64_t kDayUs = 86400 * kSecondUs;
constexpr std::int64_t kHourUs = 3600 * kSecondUs;

/// Hour of day and day number of a local time, also before 1970 (a bad timestamp is no crash).
int hourOf(std::int64_t local)
{
    return int((((local % kDayUs) + kDayUs) % kDayUs) / kHourUs);
}

std::int64_t dayOf(std::int64_t local)
{
    return local >= 0 ? local / kDayUs : (local - kDayUs + 1) / kDayUs;
}

std::string zoneName(int offsetMin)
{
    if (offsetMin == 0)
        return "UTC";
    char buf[16];
    const int a = offsetMin < 0 ? -offsetMin : offsetMin;
    std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", offsetMin < 0 ? '-' : '+', a / 60, a % 60);
    return buf;
}

std::string hourRange(int from, int to)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:00-%02d:59", from, to);
    return buf;
}

struct Baseline
{
    std::array<int, 24> hours{};
    std::set<std::int64_t> days;
    std::int64_t lastDay = std::numeric_limits<std::int64_t>::min();
    void learn(std::int64_t local)
    {
        ++hours[std::size_t(hourOf(local))];
        if (dayOf(local) != lastDay) { // most events fall on the day before them
            lastDay = dayOf(local);
            days.insert(lastDay);
        }
    }
    bool neverNear(int h, int spread) const
    {
        for (int d = -spread; d <= spread; ++d)
            if (hours[std::size_t((h + d + 24) % 24)] > 0)
                return false;
        return true;
    }
};

} // namespace

void detectUnusualHours(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "unusual_hours";
    if (!r.enabled(R))
        return;
    const auto minDays = std::size_t(r.num(R, "min_active_days", 5));
    const int spread = int(r.num(R, "neighbour_hours", 1));
    const int offsetMin = int(r.num(R, "utc_offset_minutes", 0));
    const auto episodeUs = std::int64_t(r.num(R, "episode_s", 10800) * kSecondUs);
    const int habitualDays = int(r.num(R, "habitual_days", 3));
    const int irregularHours = int(r.num(R, "irregular_hours", 12));
    const std::int64_t offsetUs = std::int64_t(offsetMin) * 60 * kSecondUs;
    const auto &ev = ctx.data.events;
    std::vector<std::size_t> idx;
    for (std::size_t user = 1; user < ctx.byUser.keys(); ++user) {
        if (ctx.byUser[std::int64_t(user)].size() < minDays)
            continue;
        select(ev, ctx.byUser[std::int64_t(user)], idx, [](const Ev &e) { return !e.failure(); });
        Baseline base;
        // The open episode: unusual events within episode_s of each other; they are learned
        // when it closes, so the episode is judged against the history before it.
        std::vector<const Ev *> episode;
        std::size_t daysBefore = 0;
        const auto close = [&] {
            if (episode.empty())
                return;
            // An account already active at many hours of the day has no schedule to leave: a
            // new hour there is no evidence (the episode is learned, not reported).
            const auto used = std::count_if(base.hours.begin(), base.hours.end(),
                                            [](int n) { return n > 0; });
            if (used >= irregularHours) {
                for (const Ev *e : episode)
                    base.learn(e->ts + offsetUs);
                episode.clear();
                return;
            }
            int lo = 24;
            int hi = -1;
            bool sensitive = false;
            bool habitual = false;
            for (const Ev *e : episode) {
                const int h = hourOf(e->ts + offsetUs);
                lo = std::min(lo, h);
                hi = std::max(hi, h);
                sensitive = sensitive || (e->flags & kSensitive);
                habitual = habitual
                           || (e->ip
                               && (ctx.daysOnNetwork(e->user, e->ip) >= habitualDays
                                   || !ctx.egressReason(e->ip).empty()));
            }
            const std::string account = ctx.data.str(std::int32_t(user));
            const std::string zone = zoneName(offsetMin);
            Finding f;
            f.kind = "unusual_access_hours";
            f.rule = R;
            f.key = "account=" + account + "|start=" + std::to_string(episode.front()->ts);
            for (const Ev *e : episode)
                ctx.addEvent(f, *e);
            f.title = account + " active at " + hourRange(lo, hi) + " " + zone
                      + ", an hour it never used in " + std::to_string(daysBefore) + " active days";
            f.addSignal("unusual_hour", 25,
                        std::to_string(episode.size()) + " event(s) at " + hourRange(lo, hi) + " "
                                + zone + "; in " + std::to_string(daysBefore)
                                + " earlier active days the account was never active within "
                                + std::to_string(spread) + " hour(s) of it");
            if (sensitive)
                f.addSignal("sensitive_action", 15, "a sensitive action at the unusual hour");
            if (!habitual)
                f.addSignal("unfamiliar_network", 10,
                            "from a network the account used on fewer than "
                                    + std::to_string(habitualDays)
                                    + " days, and not the organisation's egress");
            f.addCaveat("unusual_hours",
                        "travel, on-call or overtime work, a time-zone or daylight-saving change "
                        "or a scheduled job moves the hours an account is active");
            f.details["active_days_before"] = daysBefore;
            f.details["zone"] = zone;
            out.push_back(std::move(f));
            for (const Ev *e : episode)
                base.learn(e->ts + offsetUs);
            episode.clear();
        };
        for (const std::size_t i : idx) {
            const Ev &e = ev[i];
            const std::int64_t local = e.ts + offsetUs;
            const int h = hourOf(local);
            if (!episode.empty() && e.ts - episode.back()->ts > episodeUs)
                close();
            // The days counted are those before the episode; its own events are learned when it
            // closes, other activity meanwhile at once (it is at usual hours).
            if (base.days.size() >= minDays && base.neverNear(h, spread)) {
                if (episode.empty())
                    daysBefore = base.days.size();
                episode.push_back(&e);
            } else {
                base.learn(local);
            }
        }
        close();
    }
}

} // namespace netcase
