#include "subsume.h"

#include <algorithm>

namespace netcase {

namespace {

bool isBurst(const Finding &f)
{
    return f.kind == "failed_login_burst";
}

bool isClientOfCampaign(const Finding &f)
{
    return f.kind == "user_agent_anomaly"
           && (f.rule == "user_agent.scripted" || f.rule == "user_agent.outdated");
}

bool isFoldable(const Finding &f)
{
    return isBurst(f) || isClientOfCampaign(f);
}

bool isCampaign(const Finding &f)
{
    return f.kind == "credential_stuffing" || f.kind == "password_spraying"
           || f.kind == "ssh_bruteforce" || f.kind == "ddos";
}

/// A burst folds into any finding of another kind; a client only into a campaign.
bool canHold(const Finding &holder, const Finding &folded)
{
    return !isFoldable(holder) && (isBurst(folded) || isCampaign(holder));
}

std::vector<std::int64_t> sortedEvidence(const Finding &f)
{
    std::vector<std::int64_t> ids = f.evidence;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

} // namespace

std::size_t foldCoveredFindings(std::vector<Finding> &findings)
{
    std::vector<std::size_t> holders;
    std::vector<std::vector<std::int64_t>> held(findings.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (isFoldable(findings[i]) || findings[i].evidence.empty())
            continue;
        holders.push_back(i);
        held[i] = sortedEvidence(findings[i]);
    }
    std::vector<bool> folded(findings.size(), false);
    std::size_t count = 0;
    for (std::size_t b = 0; b < findings.size(); ++b) {
        const Finding &f = findings[b];
        if (!isFoldable(f) || f.evidence.empty())
            continue;
        const std::vector<std::int64_t> mine = sortedEvidence(f);
        const int severity = f.severity();
        for (std::size_t h : holders) {
            const std::vector<std::int64_t> &theirs = held[h];
            if (!canHold(findings[h], f) || theirs.size() < mine.size()
                || findings[h].severity() < severity
                || !std::includes(theirs.begin(), theirs.end(), mine.begin(), mine.end()))
                continue;
            findings[h].details["covers"].push_back(
                    {{"kind", f.kind}, {"key", f.key}, {"title", f.title}});
            folded[b] = true;
            ++count;
            break;
        }
    }
    if (count == 0)
        return 0;
    std::vector<Finding> kept;
    kept.reserve(findings.size() - count);
    for (std::size_t i = 0; i < findings.size(); ++i)
        if (!folded[i])
            kept.push_back(std::move(findings[i]));
    findings = std::move(kept);
    return count;
}

} // namespace netcase
