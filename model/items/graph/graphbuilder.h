#pragma once

// Reads the entity graph of a case with aggregate SQL: one grouped scan of the events gives
// ip×account, account×user agent (ip×user agent when there is no account) and ip×host edges;
// current ip_info rows give ip×ASN; the analysis's entities/links tables (when present) give
// clusters and extra links. Runs on a worker connection; never loads event rows.

#include "graphdata.h"

#include "core/result.h"

#include <functional>

namespace netcase {
class Database;
}

namespace netcase::graph {

class GraphBuilder
{
public:
    /// The whole graph of the case. `cancelled` (optional) is polled between steps.
    static Result<GraphData> load(const Database &db, const std::function<bool()> &cancelled = {});
};

} // namespace netcase::graph
