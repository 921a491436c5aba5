#pragma once

// One campaign, one finding (issue 21): a failed-login burst whose evidence events all belong to
// a finding of another kind that is at least as severe (a stuffing or spraying campaign, an SSH
// brute force) says nothing that finding does not. It is left out of the results, and the finding
// that holds its evidence lists it under details.covers (kind, key, title), so an analyst and the
// report still see that the burst rule fired. A burst with an event of its own (a success after
// the failures that the campaign did not cite) stays.

#include "analysis/finding.h"

#include <vector>

namespace netcase {

/// Removes the covered bursts from findings (order kept); returns how many were folded.
std::size_t foldCoveredBursts(std::vector<Finding> &findings);

} // namespace netcase
