#pragma once

// Force-directed graph layout: the spring-electrical model of Fruchterman–Reingold with the
// adaptive step of Yifan Hu ("Efficient and high quality force-directed graph drawing", 2005)
// and Barnes–Hut repulsion, so one iteration costs O(n log n + edges). Qt-free and
// deterministic for a given seed; it runs in a worker thread and can be cancelled.

#include "quadtree.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace netcase::graph {

struct LayoutEdge
{
    int a = 0;
    int b = 0;
    double weight = 1; ///< events behind the edge; heavier edges pull harder (log scale)
};

struct LayoutOptions
{
    int maxIterations = 500;
    double idealLength = 40;  ///< K: the natural edge length in layout units
    double repulsion = 0.2;   ///< C in f_r = C K^2 / d
    double gravity = 0.05;    ///< pull towards the centre; keeps components from drifting apart
    double theta = 1.0;       ///< Barnes–Hut opening criterion (0 = exact)
    double tolerance = 0.005; ///< stop when the mean move per node falls below tolerance * K
    std::uint32_t seed = 1;
    /// Optional start positions (size n). Entries with NaN are placed near their neighbours,
    /// so a graph that grows (expanded neighbours) keeps its shape.
    std::vector<Vec2> initial;
};

struct LayoutStats
{
    int iterations = 0;
    bool converged = false;
    bool cancelled = false;
};

class ForceLayout
{
public:
    /// Lays out n nodes. keepGoing (optional) is asked before each iteration; false cancels
    /// and returns the positions reached so far.
    static std::vector<Vec2> run(int n,
                                 const std::vector<LayoutEdge> &edges,
                                 const LayoutOptions &options,
                                 LayoutStats *stats = nullptr,
                                 const std::function<bool(int iteration)> &keepGoing = {});

    /// The model's potential energy, computed exactly in O(n^2) (for tests): springs
    /// w d^3 / 3K, repulsion -C K^2 ln d, gravity g |x - centroid|^2 / 2.
    static double energy(const std::vector<Vec2> &positions,
                         const std::vector<LayoutEdge> &edges,
                         const LayoutOptions &options);

    /// Deterministic start positions for n nodes (what run() uses when none are given).
    static std::vector<Vec2>
    initialPositions(int n, const std::vector<LayoutEdge> &edges, const LayoutOptions &options);
};

} // namespace netcase::graph
