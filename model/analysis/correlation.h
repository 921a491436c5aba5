#pragma once

// Entity clusters for the graph view: accounts, addresses, devices and networks as entities,
// what connects them as links, and a cluster id that joins the sessions of one actor (a shared
// session id, a shared device id, or the same address and agent within a window).

#include "core/result.h"

namespace netcase {

class AnalysisContext;
class Database;

struct CorrelationSummary
{
    std::int64_t entities = 0;
    std::int64_t links = 0;
    std::int64_t clusters = 0; ///< clusters with more than one entity
};

/// Replaces the entities and links tables; the caller owns the transaction.
Result<CorrelationSummary> writeCorrelation(Database &db, const AnalysisContext &ctx);

} // namespace netcase
