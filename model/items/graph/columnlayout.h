#pragma once

// The graph's second layout: one column per kind of entity (in the order the caller gives,
// e.g. user agents, accounts, addresses, networks, hosts), each column ordered so that edges
// between neighbouring columns cross less (the barycentre heuristic of Sugiyama, Tagawa and
// Toda, 1981: a node moves to the mean rank of its neighbours, sweeping left to right and back).
// Reads like a table of who used what, where the force layout shows communities. Qt-free,
// deterministic, O(sweeps × (edges + n log n)).

#include "forcelayout.h"

#include <vector>

namespace netcase::graph {

struct ColumnOptions
{
    double columnGap = 360; ///< layout units between columns
    double rowGap = 18;     ///< between nodes of one column
    int sweeps = 4;         ///< left-to-right and back, each
};

class ColumnLayout
{
public:
    /// column: each node's column (0 = leftmost); weight: each node's starting rank key (the
    /// heaviest first). Edges inside one column do not take part.
    static std::vector<Vec2> run(const std::vector<int> &column,
                                 const std::vector<double> &weight,
                                 const std::vector<LayoutEdge> &edges,
                                 const ColumnOptions &options = {});
};

} // namespace netcase::graph
