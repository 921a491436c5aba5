#pragma once

// Entity clusters for the graph view: accounts, addresses, devices and networks as entities,
// what connects them as links, and a cluster id that joins the sessions of one actor (a shared
// session id, a shared device id, or the same address and agent within a window).

#include "core/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace netcase {

class AnalysisContext;
class Database;

struct CorrelationSummary
{
    std::int64_t entities = 0;
    std::int64_t links = 0;
    std::int64_t clusters = 0; ///< clusters with more than one entity
};

/// The entity graph computed in memory (no database access, so it can run beside the
/// detections).
struct CorrelationGraph
{
    struct Entity
    {
        char type = 0;            ///< 'a' account, 'i' address, 'd' device, 'n' network (ASN)
        std::int64_t id = 0;      ///< dictionary id, address id or ASN
        std::int64_t cluster = 0; ///< 1-based id of the cluster's first entity; 0 when alone
    };
    struct Link
    {
        int a = 0; ///< entity index
        int b = 0;
        char kind = 0; ///< 's' signed in, 'u' used, 'd' device, 'f' flow, 'n' network
        std::int64_t weight = 0;
        std::int64_t first = 0;
        std::int64_t last = 0;
    };
    std::vector<Entity> entities; ///< index + 1 = entities.id
    std::vector<Link> links;
    std::int64_t clusters = 0;
};

CorrelationGraph buildCorrelation(const AnalysisContext &ctx);
/// Replaces the entities and links tables; the caller owns the transaction.
Result<CorrelationSummary>
writeCorrelation(Database &db, const AnalysisContext &ctx, const CorrelationGraph &graph);
Result<CorrelationSummary> writeCorrelation(Database &db, const AnalysisContext &ctx);

} // namespace netcase
