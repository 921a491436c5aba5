#include "campaign.h"

#include "context.h"

#include "core/timeutil.h"

#include <algorithm>
#include <numeric>

namespace netcase {

namespace {

/// "a.b.c" of an IPv4 address, empty for IPv6.
std::string prefix24(const AnalysisIp &i)
{
    if (i.family != 4)
        return {};
    const auto dot = i.ip.rfind('.');
    return dot == std::string::npos ? std::string() : i.ip.substr(0, dot);
}

std::size_t shared(const std::vector<std::int32_t> &a, const std::vector<std::int32_t> &b)
{
    std::size_t n = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j)
            ++i;
        else if (*j < *i)
            ++j;
        else {
            ++n;
            ++i;
            ++j;
        }
    }
    return n;
}

bool linked(const AnalysisContext &ctx,
            const CampaignMember &a,
            const CampaignMember &b,
            const CampaignRule &rule)
{
    const Finding &fa = a.finding;
    const Finding &fb = b.finding;
    if (fa.firstTs - fb.lastTs > rule.gapUs || fb.firstTs - fa.lastTs > rule.gapUs)
        return false;
    const AnalysisIp &ia = ctx.data.ip(a.ip);
    const AnalysisIp &ib = ctx.data.ip(b.ip);
    const std::string pa = prefix24(ia);
    const bool sameNet24 = !pa.empty() && pa == prefix24(ib);
    const bool sameAsn = ia.asn > 0 && ia.asn == ib.asn;
    if (!sameNet24 && !sameAsn)
        return false;
    const std::size_t smaller = std::min(a.accounts.size(), b.accounts.size());
    const bool overlap
            = smaller > 0
              && double(shared(a.accounts, b.accounts)) >= rule.minOverlap * double(smaller);
    if (rule.minOverlap <= 0)
        return sameNet24 || (rule.sameAgentIsEnough && a.agent && a.agent == b.agent);
    return overlap || (rule.sameAgentIsEnough && sameNet24 && a.agent && a.agent == b.agent);
}

std::size_t root(std::vector<std::size_t> &parent, std::size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

} // namespace

Finding mergeMembers(const AnalysisContext &ctx, std::vector<const CampaignMember *> &list)
{
    std::stable_sort(list.begin(), list.end(), [](const auto *a, const auto *b) {
        return a->finding.firstTs < b->finding.firstTs;
    });
    Finding f;
    f.kind = list.front()->finding.kind;
    f.rule = list.front()->finding.rule;
    f.key = "campaign|ip=" + ctx.data.ip(list.front()->ip).ip
            + "|t=" + isoSeconds(list.front()->finding.firstTs);
    auto json = nlohmann::json::array();
    for (const CampaignMember *m : list) {
        const Finding &mf = m->finding;
        for (std::int64_t id : mf.evidence)
            f.evidence.push_back(id);
        f.firstTs = f.evidence.size() == mf.evidence.size() ? mf.firstTs
                                                            : std::min(f.firstTs, mf.firstTs);
        f.lastTs = std::max(f.lastTs, mf.lastTs);
        f.ips.insert(mf.ips.begin(), mf.ips.end());
        f.accounts.insert(mf.accounts.begin(), mf.accounts.end());
        f.hosts.insert(mf.hosts.begin(), mf.hosts.end());
        f.asns.insert(mf.asns.begin(), mf.asns.end());
        json.push_back({{"ip", ctx.data.ip(m->ip).ip},
                        {"attempts", m->attempts},
                        {"failures", m->failures},
                        {"accounts", m->accounts.size()},
                        {"first", isoSeconds(mf.firstTs)},
                        {"last", isoSeconds(mf.lastTs)},
                        {"finding_key", mf.key}});
    }
    f.details["members"] = std::move(json);
    return f;
}

void emitCampaigns(const AnalysisContext &ctx,
                   std::vector<CampaignMember> members,
                   const CampaignRule &rule,
                   Findings &out)
{
    std::vector<std::size_t> parent(members.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (std::size_t i = 0; i < members.size(); ++i)
        for (std::size_t j = i + 1; j < members.size(); ++j)
            if (linked(ctx, members[i], members[j], rule))
                parent[root(parent, j)] = root(parent, i);
    std::vector<std::vector<std::size_t>> groups(members.size());
    for (std::size_t i = 0; i < members.size(); ++i)
        groups[root(parent, i)].push_back(i);
    for (std::size_t g = 0; g < members.size(); ++g) {
        if (groups[g].empty())
            continue;
        const bool oneAddress = std::all_of(groups[g].begin(), groups[g].end(), [&](std::size_t i) {
            return members[i].ip == members[groups[g].front()].ip;
        });
        if (groups[g].size() == 1 || (rule.needSeveralAddresses && oneAddress)) {
            for (std::size_t i : groups[g])
                out.push_back(std::move(members[i].finding));
            continue;
        }
        std::vector<const CampaignMember *> list;
        for (std::size_t i : groups[g])
            list.push_back(&members[i]);
        Finding f = mergeMembers(ctx, list);
        rule.describe(f, list);
        out.push_back(std::move(f));
    }
}

} // namespace netcase
