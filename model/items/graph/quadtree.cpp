#include "quadtree.h"

#include <algorithm>
#include <cmath>

namespace netcase::graph {

namespace {
// Points closer than this are treated as coincident: they get a deterministic nudge instead of
// an infinite force, and below this cell size the tree stops splitting (a stack of points).
constexpr double kEpsilon = 1e-9;
constexpr int kMaxDepth = 48;
} // namespace

void QuadTree::build(const std::vector<Vec2> &points, const std::vector<double> &masses)
{
    m_points = &points;
    m_masses = &masses;
    m_cells.clear();
    m_next.assign(points.size(), -1);
    if (points.empty())
        return;
    double minX = points[0].x, maxX = points[0].x, minY = points[0].y, maxY = points[0].y;
    for (const Vec2 &p : points) {
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
    }
    Cell root{};
    root.cx = (minX + maxX) / 2;
    root.cy = (minY + maxY) / 2;
    root.half = std::max(maxX - minX, maxY - minY) / 2 * 1.0001 + kEpsilon;
    m_cells.reserve(points.size() * 2 + 1);
    m_cells.push_back(root);
    for (int i = 0; i < int(points.size()); ++i)
        insert(0, i, 0);
    for (Cell &c : m_cells) {
        if (c.mass > 0) {
            c.mx /= c.mass;
            c.my /= c.mass;
        }
    }
}

int QuadTree::childFor(const Cell &c, const Vec2 &p) const
{
    return (p.x >= c.cx ? 1 : 0) | (p.y >= c.cy ? 2 : 0);
}

int QuadTree::makeChild(int cell, int quadrant)
{
    Cell child{};
    const Cell &parent = m_cells[size_t(cell)];
    child.half = parent.half / 2;
    child.cx = parent.cx + ((quadrant & 1) ? child.half : -child.half);
    child.cy = parent.cy + ((quadrant & 2) ? child.half : -child.half);
    m_cells.push_back(child);
    const int index = int(m_cells.size()) - 1;
    m_cells[size_t(cell)].child[quadrant] = index;
    return index;
}

void QuadTree::insert(int cell, int body, int depth)
{
    const Vec2 &p = (*m_points)[size_t(body)];
    const double m = (*m_masses)[size_t(body)];
    for (;;) {
        Cell *c = &m_cells[size_t(cell)];
        c->mass += m;
        c->mx += m * p.x;
        c->my += m * p.y;
        const bool leaf = c->child[0] < 0 && c->child[1] < 0 && c->child[2] < 0 && c->child[3] < 0;
        if (leaf) {
            if (c->body < 0) {
                c->body = body;
                return;
            }
            if (depth >= kMaxDepth || c->half < kEpsilon) {
                m_next[size_t(body)] = c->extra;
                c->extra = body;
                return;
            }
            // Split: the resident point moves one level down (it is new there, so it lands
            // as the body of an empty leaf and the loop below continues with `body`).
            const int old = c->body;
            c->body = -1;
            const int q = childFor(*c, (*m_points)[size_t(old)]);
            const int ch = makeChild(cell, q);
            insert(ch, old, depth + 1);
            c = &m_cells[size_t(cell)];
        }
        const int q = childFor(*c, p);
        int next = c->child[q];
        if (next < 0)
            next = makeChild(cell, q);
        cell = next;
        ++depth;
    }
}

void QuadTree::spatialOrder(std::vector<int> &out) const
{
    out.clear();
    if (m_cells.empty())
        return;
    std::vector<std::int32_t> stack{0};
    while (!stack.empty()) {
        const Cell &c = m_cells[size_t(stack.back())];
        stack.pop_back();
        if (c.body >= 0) {
            out.push_back(c.body);
            for (int e = c.extra; e >= 0; e = m_next[size_t(e)])
                out.push_back(e);
        }
        for (int k = 3; k >= 0; --k) {
            if (c.child[k] >= 0)
                stack.push_back(c.child[k]);
        }
    }
}

Vec2 QuadTree::repulsion(int self, Vec2 p, double mass, double strength, double theta) const
{
    Vec2 f;
    if (m_cells.empty())
        return f;
    auto pushFrom = [&](int other) {
        if (other == self)
            return;
        const Vec2 &q = (*m_points)[size_t(other)];
        double dx = p.x - q.x;
        double dy = p.y - q.y;
        double d2 = dx * dx + dy * dy;
        if (d2 < kEpsilon * kEpsilon) {
            // Coincident points: separate them along a direction fixed by their indices so
            // the result is deterministic and the pair cannot stay collapsed.
            const double angle = double((self * 7919 + other * 104729) % 6283) / 1000.0;
            dx = std::cos(angle) * 1e-3;
            dy = std::sin(angle) * 1e-3;
            d2 = dx * dx + dy * dy;
        }
        const double k = strength * mass * (*m_masses)[size_t(other)] / d2;
        f.x += dx * k;
        f.y += dy * k;
    };

    // Explicit stack: recursion depth is bounded but the stack keeps the hot loop flat.
    std::int32_t stack[4 * kMaxDepth + 8];
    int top = 0;
    stack[top++] = 0;
    const double theta2 = theta * theta;
    while (top > 0) {
        const Cell &c = m_cells[size_t(stack[--top])];
        if (c.mass <= 0)
            continue;
        if (c.body >= 0) { // leaf: its point(s) exactly
            pushFrom(c.body);
            for (int e = c.extra; e >= 0; e = m_next[size_t(e)])
                pushFrom(e);
            continue;
        }
        const double dx = p.x - c.mx;
        const double dy = p.y - c.my;
        const double d2 = dx * dx + dy * dy;
        const bool inside = std::abs(p.x - c.cx) <= c.half && std::abs(p.y - c.cy) <= c.half;
        const double size = 2 * c.half;
        if (!inside && size * size < theta2 * d2) {
            const double k = strength * mass * c.mass / d2;
            f.x += dx * k;
            f.y += dy * k;
            continue;
        }
        for (std::int32_t ch : c.child) {
            if (ch >= 0)
                stack[top++] = ch;
        }
    }
    return f;
}

} // namespace netcase::graph
