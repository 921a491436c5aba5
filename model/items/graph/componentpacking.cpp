#include "componentpacking.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace netcase::graph {

namespace {

struct Component
{
    std::vector<int> members;
    Vec2 centre;
    double radius = 0;
};

int findRoot(std::vector<int> &parent, int i)
{
    while (parent[size_t(i)] != i) {
        parent[size_t(i)] = parent[size_t(parent[size_t(i)])];
        i = parent[size_t(i)];
    }
    return i;
}

std::vector<Component> components(const std::vector<Vec2> &pos,
                                  const std::vector<LayoutEdge> &edges)
{
    const int n = int(pos.size());
    std::vector<int> parent(static_cast<size_t>(n));
    std::iota(parent.begin(), parent.end(), 0);
    for (const LayoutEdge &e : edges) {
        if (e.a < 0 || e.b < 0 || e.a >= n || e.b >= n)
            continue;
        const int ra = findRoot(parent, e.a);
        const int rb = findRoot(parent, e.b);
        if (ra != rb)
            parent[size_t(std::max(ra, rb))] = std::min(ra, rb);
    }
    std::vector<int> slot(static_cast<size_t>(n), -1);
    std::vector<Component> out;
    for (int i = 0; i < n; ++i) { // in index order: the first member names the component
        const int r = findRoot(parent, i);
        if (slot[size_t(r)] < 0) {
            slot[size_t(r)] = int(out.size());
            out.emplace_back();
        }
        out[size_t(slot[size_t(r)])].members.push_back(i);
    }
    for (Component &c : out) {
        for (int i : c.members) {
            c.centre.x += pos[size_t(i)].x;
            c.centre.y += pos[size_t(i)].y;
        }
        c.centre.x /= double(c.members.size());
        c.centre.y /= double(c.members.size());
        for (int i : c.members)
            c.radius = std::max(c.radius, std::hypot(pos[size_t(i)].x - c.centre.x,
                                                     pos[size_t(i)].y - c.centre.y));
    }
    // Largest first; stable, so equal sizes keep index order (deterministic).
    std::stable_sort(out.begin(), out.end(), [](const Component &a, const Component &b) {
        return a.members.size() > b.members.size();
    });
    return out;
}

} // namespace

void packComponents(std::vector<Vec2> &pos, const std::vector<LayoutEdge> &edges, double gap)
{
    std::vector<Component> parts = components(pos, edges);
    if (parts.size() < 2)
        return;
    gap = std::max(gap, 1e-6);
    const Vec2 origin = parts.front().centre;
    // Rings around the largest component: each ring is as wide as its first (largest) member,
    // and each member takes the angle that keeps its circle (radius + gap / 2) clear of its
    // neighbours': centres at angle a + b apart are 2 R sin((a + b) / 2) >= R (sin a + sin b).
    double ringInner = parts.front().radius + gap;
    double ringWidth = 0;
    double angleUsed = 0;
    for (size_t k = 1; k < parts.size(); ++k) {
        Component &c = parts[k];
        const double r = c.radius + gap / 2;
        for (;;) {
            const double ringRadius = ringInner + std::max(ringWidth, r);
            const double half = std::asin(std::min(1.0, r / ringRadius));
            if (angleUsed == 0 || angleUsed + 2 * half <= 2 * std::numbers::pi) {
                const double angle = angleUsed + half;
                const Vec2 to{origin.x + ringRadius * std::cos(angle),
                              origin.y + ringRadius * std::sin(angle)};
                for (int i : c.members) {
                    pos[size_t(i)].x += to.x - c.centre.x;
                    pos[size_t(i)].y += to.y - c.centre.y;
                }
                angleUsed += 2 * half;
                ringWidth = std::max(ringWidth, r);
                break;
            }
            ringInner += 2 * ringWidth; // this ring is full: start the next one outside it
            ringWidth = 0;
            angleUsed = 0;
        }
    }
}

} // namespace netcase::graph
