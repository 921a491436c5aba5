#pragma once

// One campaign, one finding: per-source findings of one rule (stuffing, spraying) whose sources
// belong together (the same /24, or the same ASN with the same client or the same targets) and
// whose activity is close in time become one finding that lists its members. A source that has
// no partner keeps its own finding unchanged.

#include "detect.h"

#include <functional>
#include <vector>

namespace netcase {

class AnalysisContext;

struct CampaignMember
{
    Finding finding;                    ///< the per-source finding as the rule wrote it
    std::int32_t ip = 0;                ///< the source
    std::int32_t agent = 0;             ///< its most used user agent (string id)
    std::vector<std::int32_t> accounts; ///< accounts tried, sorted
    std::size_t attempts = 0;
    std::size_t failures = 0;
    std::size_t successes = 0;
};

struct CampaignRule
{
    std::int64_t gapUs = 0;         ///< members at most this far apart in time
    double minOverlap = 0;          ///< shared accounts / the smaller member's accounts (same ASN)
    bool sameAgentIsEnough = false; ///< same ASN and same user agent link without overlap
    /// A group whose members are all one address (its episodes) keeps their own findings.
    bool needSeveralAddresses = false;
    /// Writes the merged finding's title and signals from its members (evidence, entities and
    /// members' details are filled already).
    std::function<void(Finding &, const std::vector<const CampaignMember *> &)> describe;
};

/// One finding made of the members (sorted by their first event): their evidence, entities and
/// details.members (address, attempts, failures, accounts, first, last, the member's own key);
/// kind and rule are the first member's. The caller writes the title and signals.
Finding mergeMembers(const AnalysisContext &ctx, std::vector<const CampaignMember *> &list);

/// Appends one finding per campaign (and the lone members' own findings) to out.
void emitCampaigns(const AnalysisContext &ctx,
                   std::vector<CampaignMember> members,
                   const CampaignRule &rule,
                   Findings &out);

} // namespace netcase
