#pragma once

// The graph view's data: the case's entity graph as the analysis computes it
// (analysis/correlation.h, buildCorrelation with user agents and hosts added), turned into
// nodes and edges with display labels. The one computation serves both; this only converts.
// Runs on a worker connection.

#include "graphdata.h"

#include "core/result.h"

#include <atomic>

namespace netcase {
class Database;
}

namespace netcase::graph {

class GraphBuilder
{
public:
    /// The whole graph of the case. `cancel` (optional) is polled while the events are read.
    static Result<GraphData> load(const Database &db, const std::atomic<bool> *cancel = nullptr);
};

} // namespace netcase::graph
