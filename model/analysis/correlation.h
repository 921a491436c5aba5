#pragma once

// The case's entity graph, computed in one place for the analysis and the graph view: accounts,
// addresses, devices and networks as entities, what connects them as links, and a cluster id that
// joins the sessions of one actor (a shared session id, a shared device id, or the same address
// and agent within a window). The analysis stores it (entities, links); the graph view asks for
// the same graph with user agents and hosts added (CorrelationOptions::agentsAndHosts).

#include "core/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace netcase {

class AnalysisContext;
class Database;
class Dataset;
class Rules;

struct CorrelationOptions
{
    std::int64_t windowUs = 1800'000'000; ///< rules: correlation.window_s
    std::size_t sharedMax = 3;            ///< rules: correlation.shared_ip_max_accounts
    /// Also user agents ('g') and hosts ('h') as entities, every event counted on its entities,
    /// and events without an account: what the graph view shows. Never stored.
    bool agentsAndHosts = false;
};
CorrelationOptions correlationOptions(const Rules &rules);

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
        char type = 0;            ///< 'a' account, 'i' address, 'd' device, 'n' network (ASN),
                                  ///< 'g' user agent, 'h' host (the last two: agentsAndHosts)
        std::int64_t id = 0;      ///< dictionary id, address id or ASN
        std::int64_t cluster = 0; ///< 1-based id of the cluster's first entity; 0 when alone
        std::int64_t events = 0;  ///< events on the entity (agentsAndHosts only)
    };
    struct Link
    {
        int a = 0; ///< entity index
        int b = 0;
        char kind = 0; ///< 's' signed in, 'u' used, 'd' device, 'f' flow, 'n' network,
                       ///< 'g' agent of an account (or of an address without one), 'h' host
        std::int64_t weight = 0;
        std::int64_t first = 0;
        std::int64_t last = 0;
    };
    std::vector<Entity> entities; ///< index + 1 = entities.id
    std::vector<Link> links;
    std::int64_t clusters = 0;
};

CorrelationGraph buildCorrelation(const Dataset &data, const CorrelationOptions &options);
/// The graph the analysis stores (options from its rules).
CorrelationGraph buildCorrelation(const AnalysisContext &ctx);
/// Replaces the entities and links tables; the caller owns the transaction.
Result<CorrelationSummary>
writeCorrelation(Database &db, const AnalysisContext &ctx, const CorrelationGraph &graph);
Result<CorrelationSummary> writeCorrelation(Database &db, const AnalysisContext &ctx);

} // namespace netcase
