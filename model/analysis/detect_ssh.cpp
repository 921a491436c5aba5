// Detection 4: SSH password guessing. One finding per source and burst of at least
// min_failures attempts (an attempt counted once however many lines sshd logged for it:
// sshattempts.h), with the accepted login that may have followed it; and one finding that lists
// the small scanners fail2ban's default sshd jail would ban (scan_failures lines within
// scan_window_s) but that stay below the burst threshold. Sources of one /24 whose bursts lie
// within campaign_gap_s of each other are one finding listing them (analysis/campaign).

#include "campaign.h"
#include "context.h"
#include "detect.h"
#include "rules.h"

#include "core/timeutil.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace netcase {

using namespace detail;

namespace {

bool attempt(const Ev &e)
{
    return (e.flags & kSsh) && e.failure() && !(e.flags & kSshEcho);
}

/// A failure line as fail2ban's sshd filter counts it: every sshd failure line but PAM's.
bool banLine(const AnalysisContext &ctx, const Ev &e)
{
    return (e.flags & kSsh) && e.failure() && !(e.sshd & kPamSummary)
           && ctx.data.str(e.action).rfind("pam_", 0) != 0;
}

/// 40 for 10 attempts, 50 for 100, 60 for 1,000 and more.
int volumeWeight(std::size_t attempts)
{
    return std::clamp(30 + int(10 * std::log10(double(std::max<std::size_t>(attempts, 1)))), 30,
                      60);
}

const Signal *signalOf(const Finding &f, const char *name)
{
    for (const Signal &s : f.signalList)
        if (s.name == name)
            return &s;
    return nullptr;
}

/// Several sources of one /24: the volume of all their attempts, and the accepted login of the
/// first member that had one.
void describeSshCampaign(Finding &f, const std::vector<const CampaignMember *> &list)
{
    std::size_t attempts = 0;
    bool invalid = false;
    const CampaignMember *won = nullptr;
    std::set<std::int32_t> addresses;
    for (const CampaignMember *m : list) {
        attempts += m->attempts;
        addresses.insert(m->ip);
        invalid = invalid || signalOf(m->finding, "invalid_users");
        if (!won && signalOf(m->finding, "success_after_failures"))
            won = m;
    }
    const std::string net = f.details["members"][0].value("ip", std::string());
    const std::string net24 = net.substr(0, net.rfind('.')) + ".0/24";
    f.addSignal("failed_ssh_logins", volumeWeight(attempts),
                std::to_string(attempts) + " failed attempts from "
                        + std::to_string(addresses.size()) + " sources of " + net24 + ", "
                        + std::to_string(f.accounts.size()) + " user names");
    if (invalid)
        f.addSignal("invalid_users", 5, "user names that do not exist");
    f.addSignal("several_sources", 5,
                std::to_string(addresses.size()) + " sources of one network, "
                        + std::to_string(list.size()) + " bursts");
    std::string then;
    if (won) {
        for (const char *name : {"success_after_failures", "habitual_login"})
            if (const Signal *s = signalOf(won->finding, name))
                f.addSignal(s->name, s->weight, s->detail);
        then = ", then accepted login for " + won->finding.details.value("accepted", std::string())
               + " from " + *won->finding.ips.begin();
    }
    f.title = "SSH brute force from " + std::to_string(addresses.size()) + " addresses of " + net24
              + " (" + std::to_string(attempts) + " failed attempts" + then + ")";
    f.details["attempts"] = attempts;
}

struct Member
{
    std::string ip;
    std::size_t attempts = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
};

} // namespace

void detectSshBruteForce(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "ssh_bruteforce";
    if (!r.enabled(R))
        return;
    const auto windowUs = std::int64_t(r.num(R, "window_s", 3600) * kSecondUs);
    const auto successUs = std::int64_t(r.num(R, "success_within_s", 86400) * kSecondUs);
    const auto minFailures = std::size_t(r.num(R, "min_failures", 10));
    const auto scanLines = std::size_t(r.num(R, "scan_failures", 5));
    const auto scanUs = std::int64_t(r.num(R, "scan_window_s", 600) * kSecondUs);
    const auto &ev = ctx.data.events;
    std::vector<CampaignMember> bursts;
    auto groups = group(ev, kSsh, 0, [](const Ev &e) { return std::int64_t(e.ip); });
    // Sources in address order, so the scanners' finding lists them the same way every run.
    std::map<std::string, std::int64_t> byAddress;
    for (const auto &[ip, idx] : groups)
        byAddress.emplace(ctx.data.ip(std::int32_t(ip)).ip, ip);
    std::vector<Member> scanners;
    std::vector<std::size_t> scanEvidence;
    std::vector<std::size_t> tries;
    std::vector<std::size_t> lines;
    for (const auto &[address, ip] : byAddress) {
        const std::vector<std::size_t> &idx = groups[ip];
        tries.clear();
        lines.clear();
        for (std::size_t i : idx) {
            if (attempt(ev[i]))
                tries.push_back(i);
            if (banLine(ctx, ev[i]))
                lines.push_back(i);
            // "maximum authentication attempts exceeded": fail2ban counts it twice (sshd gave
            // up after MaxAuthTries), so does this yardstick; it stays one attempt above.
            if (banLine(ctx, ev[i]) && ctx.data.str(ev[i].action) == "ssh_too_many_failures")
                lines.push_back(i);
        }
        if (tries.empty())
            continue;
        bool reported = false;
        for (const auto &ep : episodes(ev, tries, windowUs)) {
            if (ep.size() < minFailures)
                continue;
            reported = true;
            Finding f;
            f.kind = "ssh_bruteforce";
            f.rule = R;
            f.key = "ip=" + address + "|t=" + isoSeconds(ev[ep.front()].ts);
            std::unordered_map<std::int32_t, std::int64_t> lastFailureOf; // account -> ts
            std::set<std::int32_t> invalid;
            for (std::size_t i : ep) {
                ctx.addEvent(f, ev[i]);
                lastFailureOf[ev[i].user] = ev[i].ts;
                if (ev[i].flags & kInvalidUser)
                    invalid.insert(ev[i].user);
            }
            f.addSignal("failed_ssh_logins", volumeWeight(ep.size()),
                        std::to_string(ep.size()) + " failed attempts, "
                                + std::to_string(lastFailureOf.size()) + " user names");
            if (!invalid.empty())
                f.addSignal("invalid_users", 5,
                            std::to_string(invalid.size()) + " user names that do not exist");
            // An accepted login for an account the burst tried, after that account's failures.
            const std::int64_t begin = ev[ep.front()].ts;
            const std::int64_t end = ev[ep.back()].ts;
            const Ev *success = nullptr;
            for (std::size_t i : idx) {
                const Ev &e = ev[i];
                if (e.ts < begin || e.ts - end > successUs)
                    continue;
                const auto tried = lastFailureOf.find(e.user);
                if (e.success() && e.user && tried != lastFailureOf.end()
                    && e.ts >= tried->second) {
                    success = &e;
                    break;
                }
            }
            std::string then;
            if (success) {
                ctx.addEvent(f, *success);
                const std::string account = ctx.data.str(success->user);
                std::size_t before = 0; // the account's accepted logins from here before the burst
                for (std::size_t i : idx)
                    before += (ev[i].ts < begin && ev[i].success() && ev[i].user == success->user)
                                      ? 1
                                      : 0;
                f.addSignal("success_after_failures", before ? 15 : 35,
                            "accepted login for " + account + " after its failures");
                if (before)
                    f.addSignal("habitual_login", -20,
                                account + " had " + std::to_string(before)
                                        + " accepted logins from " + address
                                        + " before: its owner may have mistyped");
                then = ", then accepted login for " + account;
            }
            f.title = "SSH brute force from " + address + " (" + std::to_string(ep.size())
                      + " failed attempts" + then + ")";
            f.details["attempts"] = ep.size();
            CampaignMember m;
            m.ip = std::int32_t(ip);
            m.attempts = ep.size();
            m.failures = ep.size();
            m.successes = success ? 1 : 0;
            for (const auto &[user, ts] : lastFailureOf)
                m.accounts.push_back(user);
            std::sort(m.accounts.begin(), m.accounts.end());
            if (success)
                f.details["accepted"] = ctx.data.str(success->user);
            m.finding = std::move(f);
            bursts.push_back(std::move(m));
        }
        // Below the burst threshold, but fail2ban's sshd jail would have banned it.
        if (!reported && lines.size() >= scanLines && maxInWindow(ev, lines, scanUs) >= scanLines) {
            Member m;
            m.ip = address;
            m.attempts = tries.size();
            m.first = ev[tries.front()].ts;
            m.last = ev[tries.back()].ts;
            scanners.push_back(m);
            scanEvidence.insert(scanEvidence.end(), tries.begin(), tries.end());
        }
    }
    // Sources of one /24 close in time are one campaign (a lone source keeps its own finding).
    CampaignRule net;
    net.gapUs = std::int64_t(r.num(R, "campaign_gap_s", 86400) * kSecondUs);
    net.needSeveralAddresses = true;
    net.describe = describeSshCampaign;
    emitCampaigns(ctx, std::move(bursts), net, out);
    if (scanners.empty())
        return;
    Finding f;
    f.kind = "ssh_bruteforce";
    f.rule = R;
    f.key = "scanners";
    std::sort(scanEvidence.begin(), scanEvidence.end());
    for (std::size_t i : scanEvidence)
        ctx.addEvent(f, ev[i]);
    std::size_t attempts = scanEvidence.size();
    f.addSignal("small_scanners", 15 + int(std::min<std::size_t>(15, scanners.size() / 2)),
                std::to_string(scanners.size()) + " sources with " + std::to_string(scanLines)
                        + " or more failures within " + std::to_string(scanUs / kSecondUs)
                        + " s, each below " + std::to_string(minFailures) + " attempts");
    f.title = "SSH password guessing from " + std::to_string(scanners.size())
              + (scanners.size() == 1 ? " source: " : " sources: ") + std::to_string(attempts)
              + " failed attempts";
    std::stable_sort(scanners.begin(), scanners.end(),
                     [](const Member &a, const Member &b) { return a.attempts > b.attempts; });
    auto members = nlohmann::json::array();
    for (const Member &m : scanners)
        members.push_back({{"ip", m.ip},
                           {"attempts", m.attempts},
                           {"first", isoSeconds(m.first)},
                           {"last", isoSeconds(m.last)}});
    f.details["members"] = std::move(members);
    out.push_back(std::move(f));
}

} // namespace netcase
