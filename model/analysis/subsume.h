#pragma once

// One campaign, one finding (issue 21). A finding that only restates part of a campaign is left
// out of the results, and the finding that holds its evidence lists it under details.covers
// (kind, key, title), so an analyst and the report still see that the rule fired:
// - a failed-login burst whose evidence events all belong to a finding of another kind that is
//   at least as severe (a stuffing or spraying campaign, an SSH brute force);
// - a scripted or outdated client (user_agent_anomaly) whose evidence events all belong to a
//   campaign (credential stuffing, password spraying, SSH brute force, DDoS) at least as severe:
//   the bots' user agent is a property of the campaign. Next to an impossible travel or an MFA
//   fatigue finding the client is a fact of its own (who then acted, and with what), so it stays.
// A folded finding with an event of its own (a success or an API call the campaign did not cite)
// stays.

#include "analysis/finding.h"

#include <vector>

namespace netcase {

/// Removes the covered findings from findings (order kept); returns how many were folded.
std::size_t foldCoveredFindings(std::vector<Finding> &findings);

} // namespace netcase
