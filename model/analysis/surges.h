#pragma once

// Surges against one target: the web requests and flows of consecutive windows in which many
// sources sent many requests (rule ddos: min_sources, min_requests per window_s). The DDoS rule
// scores them; the loader reads the referrers of their web requests, which the compact events
// do not keep (a referrer is in the labels, the bulk of a case's bytes).

#include "dataset.h"

#include <cstdint>
#include <vector>

namespace netcase {

class Database;
class Rules;

struct Surge
{
    std::int64_t firstWindow = 0;
    std::int64_t lastWindow = 0;
    std::vector<std::size_t> idx; ///< indices into Dataset::events, window by window
};

/// The surges of a classified dataset, in target then time order.
std::vector<Surge> findSurges(const Dataset &d, const Rules &rules);

/// Records in d.referrer, for each web request of a surge, whether it named a referrer.
void loadSurgeReferrers(const Database &db, Dataset &d, const Rules &rules);

} // namespace netcase
