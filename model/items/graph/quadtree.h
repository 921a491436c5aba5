#pragma once

// A Barnes–Hut quadtree over 2-D points: cells hold the total mass and centre of mass of the
// points below them, so the repulsion a point feels from a far cell is computed once for the
// whole cell. Qt-free so the layout can be unit-tested and run in any worker thread.

#include <cstdint>
#include <vector>

namespace netcase::graph {

struct Vec2
{
    double x = 0;
    double y = 0;
};

class QuadTree
{
public:
    /// Rebuilds the tree over the points (masses default to 1).
    void build(const std::vector<Vec2> &points, const std::vector<double> &masses);

    /// Repulsive force on point `self` at p: sum over far cells and near points of
    /// strength * m_i * m_j / d (the spring-electrical model). theta is the opening criterion
    /// (cell size / distance); 0 computes the exact sum.
    Vec2 repulsion(int self, Vec2 p, double mass, double strength, double theta) const;

    int cellCount() const { return int(m_cells.size()); }
    /// The points in depth-first order of the tree: neighbours in space come close together.
    void spatialOrder(std::vector<int> &out) const;

private:
    struct Cell
    {
        double cx, cy, half; // square bounds: centre and half side
        double mass = 0;
        double mx = 0, my = 0; // centre of mass (sum while building)
        std::int32_t child[4] = {-1, -1, -1, -1};
        std::int32_t body = -1;  // the single point of a leaf, -1 when empty or internal
        std::int32_t extra = -1; // first further point of a leaf at the depth limit (chain)
    };

    void insert(int cell, int body, int depth);
    int childFor(const Cell &c, const Vec2 &p) const;
    int makeChild(int cell, int quadrant);

    std::vector<Cell> m_cells;
    std::vector<std::int32_t> m_next; // chain of points stacked in one deepest leaf
    const std::vector<Vec2> *m_points = nullptr;
    const std::vector<double> *m_masses = nullptr;
};

} // namespace netcase::graph
