#pragma once

// Findings of kind `intel`: one per case value (address, domain or URL) that imported threat
// intelligence names (intel/intelmatch.h), with every indicator that names it. The best
// indicator whose validity window holds at least one of the events sets the severity (its
// confidence, MISP threat level and to_ids flag); indicators matched only outside their window
// give an informational finding that does not rise above kOutsideWeight. Caveats: the
// indicator's age at the events, matches outside the window, a network (not an address)
// indicator, and shared infrastructure (hosting or CDN networks, from the enrichment).

#include "finding.h"

#include <vector>

namespace netcase {

class AnalysisContext;

namespace intel {
struct IntelMatches;
}

constexpr int kIntelOutsideWeight = 5;

/// ctx (may be null) supplies the enrichment for the shared-infrastructure caveat.
std::vector<Finding> intelFindings(const intel::IntelMatches &matches, const AnalysisContext *ctx);

} // namespace netcase
