#include "graphscene.h"

#include "columnlayout.h"
#include "componentpacking.h"

#include <QElapsedTimer>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace netcase::graph {

namespace {

/// Columns left to right: agents, accounts, addresses, networks, hosts (the kinds shown).
std::vector<Vec2> columnLayout(const GraphData &g,
                               const std::vector<SceneNode> &nodes,
                               const std::vector<LayoutEdge> &edges)
{
    constexpr NodeType kOrder[]
            = {NodeType::UserAgent, NodeType::Account, NodeType::Ip, NodeType::Asn, NodeType::Host};
    std::array<int, kNodeTypeCount> columnOf{};
    columnOf.fill(-1);
    for (const SceneNode &n : nodes)
        columnOf[size_t(g.nodes[size_t(n.index)].type)] = 0;
    int next = 0;
    for (NodeType t : kOrder)
        if (columnOf[size_t(t)] == 0)
            columnOf[size_t(t)] = next++ + 1; // 1-based while assigning
    std::vector<int> column(nodes.size());
    std::vector<double> weight(nodes.size());
    for (size_t s = 0; s < nodes.size(); ++s) {
        const GraphNode &gn = g.nodes[size_t(nodes[s].index)];
        column[s] = columnOf[size_t(gn.type)] - 1;
        weight[s] = double(gn.events);
    }
    return ColumnLayout::run(column, weight, edges);
}

double radiusFor(std::int64_t events)
{
    // Kept below half the natural edge length (~0.6 K = 23 units) so nodes rarely overlap.
    return 3 + 2.5 * std::log10(1.0 + double(std::max<std::int64_t>(0, events)));
}

// Andrew's monotone chain.
QPolygonF convexHull(std::vector<QPointF> pts)
{
    std::sort(pts.begin(), pts.end(), [](const QPointF &a, const QPointF &b) {
        return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y());
    });
    if (pts.size() < 3)
        return QPolygonF(QList<QPointF>(pts.begin(), pts.end()));
    auto cross = [](const QPointF &o, const QPointF &a, const QPointF &b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    };
    std::vector<QPointF> hull(2 * pts.size());
    size_t k = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0)
            --k;
        hull[k++] = pts[i];
    }
    for (size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
        while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i - 1]) <= 0)
            --k;
        hull[k++] = pts[i - 1];
    }
    hull.resize(k - 1);
    return QPolygonF(QList<QPointF>(hull.begin(), hull.end()));
}

} // namespace

GraphScene GraphScene::build(std::shared_ptr<const GraphData> data,
                             const SceneOptions &options,
                             const QHash<int, QPointF> &previous,
                             const std::atomic_bool *cancel)
{
    GraphScene scene;
    scene.m_data = data;
    if (!data)
        return scene;
    const GraphData &g = *data;

    // The heaviest nodes of the shown types, up to the cap (ties by index: deterministic): of
    // the whole case, or of the focus and its neighbours.
    const auto &adj = g.adjacency();
    std::vector<int> candidates;
    std::vector<char> inFocus;
    for (int i : options.focus) {
        if (i < 0 || i >= int(g.nodes.size()))
            continue;
        if (inFocus.empty())
            inFocus.assign(g.nodes.size(), 0);
        inFocus[size_t(i)] = 1;
        for (int j : adj[size_t(i)])
            inFocus[size_t(j)] = 1;
    }
    scene.m_focused = !inFocus.empty();
    for (int i = 0; i < int(g.nodes.size()); ++i) {
        if (options.shown[size_t(g.nodes[size_t(i)].type)]
            && (inFocus.empty() || inFocus[size_t(i)]))
            candidates.push_back(i);
    }
    scene.m_candidates = int(candidates.size());
    const int cap = std::max(0, options.cap);
    if (int(candidates.size()) > cap) {
        std::partial_sort(candidates.begin(), candidates.begin() + cap, candidates.end(),
                          [&](int a, int b) {
                              const auto ea = g.nodes[size_t(a)].events;
                              const auto eb = g.nodes[size_t(b)].events;
                              return ea != eb ? ea > eb : a < b;
                          });
        scene.m_cappedOut = int(candidates.size()) - cap;
        candidates.resize(size_t(cap));
    }
    std::vector<char> chosen(g.nodes.size(), 0);
    for (int i : candidates)
        chosen[size_t(i)] = 1;
    auto addExtra = [&](int i) {
        if (i >= 0 && i < int(g.nodes.size()) && !chosen[size_t(i)]) {
            chosen[size_t(i)] = 1;
            ++scene.m_extra;
        }
    };
    for (int i : options.focus)
        addExtra(i); // a focus of a hidden type is still shown
    for (int i : options.pinned)
        addExtra(i);
    for (int i : options.expanded) {
        if (i < 0 || i >= int(g.nodes.size()))
            continue;
        addExtra(i);
        for (int j : adj[size_t(i)])
            addExtra(j);
    }
    if (scene.m_cappedOut > 0) // the cap counts what the user asked to see, extras aside
        scene.m_cappedOut = std::max(0, scene.m_cappedOut - scene.m_extra);

    for (int i = 0; i < int(g.nodes.size()); ++i) {
        if (!chosen[size_t(i)])
            continue;
        scene.m_sceneOf.insert(i, int(scene.m_nodes.size()));
        scene.m_nodes.push_back({i, QPointF(), radiusFor(g.nodes[size_t(i)].events)});
    }
    std::vector<LayoutEdge> layoutEdges;
    for (int e = 0; e < int(g.edges.size()); ++e) {
        const GraphEdge &edge = g.edges[size_t(e)];
        const int a = scene.m_sceneOf.value(edge.a, -1);
        const int b = scene.m_sceneOf.value(edge.b, -1);
        if (a < 0 || b < 0)
            continue;
        scene.m_edges.push_back({a, b, e});
        layoutEdges.push_back({a, b, double(edge.weight)});
    }
    // Members of one analysis cluster attract each other a little, so a cluster is drawn as
    // one region (a ring through the members: n springs, not n^2).
    std::map<int, std::vector<int>> byCluster;
    for (int s = 0; s < int(scene.m_nodes.size()); ++s) {
        const int c = g.nodes[size_t(scene.m_nodes[size_t(s)].index)].cluster;
        if (c >= 0)
            byCluster[c].push_back(s);
    }
    for (const auto &[cluster, members] : byCluster) {
        if (members.size() < 2)
            continue;
        for (size_t k = 0; k < members.size(); ++k)
            layoutEdges.push_back({members[k], members[(k + 1) % members.size()], 1});
    }

    LayoutOptions lo;
    lo.seed = options.seed;
    lo.maxIterations = options.maxIterations;
    if (!previous.isEmpty()) {
        lo.initial.resize(scene.m_nodes.size(), Vec2{std::nan(""), std::nan("")});
        for (size_t s = 0; s < scene.m_nodes.size(); ++s) {
            const auto it = previous.constFind(scene.m_nodes[s].index);
            if (it != previous.constEnd())
                lo.initial[s] = {it->x(), it->y()};
        }
    }
    QElapsedTimer timer;
    timer.start();
    scene.m_layout = options.layout;
    std::vector<Vec2> pos;
    if (options.layout == SceneLayout::Columns) {
        pos = columnLayout(g, scene.m_nodes, layoutEdges);
        scene.m_stats = {ColumnOptions().sweeps, true, false};
    } else {
        pos = ForceLayout::run(int(scene.m_nodes.size()), layoutEdges, lo, &scene.m_stats,
                               [cancel](int) { return !cancel || !cancel->load(); });
        if (!scene.m_stats.cancelled)
            packComponents(pos, layoutEdges, lo.idealLength);
    }
    scene.m_layoutMs = timer.elapsed();
    for (size_t s = 0; s < scene.m_nodes.size(); ++s)
        scene.m_nodes[s].pos = QPointF(pos[s].x, pos[s].y);
    if (options.layout == SceneLayout::Force) // a cluster spans columns: no hull there
        scene.computeHulls();
    return scene;
}

void GraphScene::computeHulls()
{
    std::map<int, std::vector<QPointF>> byCluster;
    for (const SceneNode &n : m_nodes) {
        const int c = m_data->nodes[size_t(n.index)].cluster;
        if (c < 0)
            continue;
        // Padding: a small octagon around each member, so hulls of 1–2 nodes have an area.
        const double pad = n.radius + 10;
        for (int k = 0; k < 8; ++k) {
            const double a = k * 3.14159265358979 / 4;
            byCluster[c].push_back(n.pos + QPointF(std::cos(a) * pad, std::sin(a) * pad));
        }
    }
    m_hulls.clear();
    for (auto &[cluster, pts] : byCluster)
        m_hulls.push_back({cluster, int(pts.size() / 8), convexHull(std::move(pts))});
}

int GraphScene::nodeAt(QPointF world, double slack) const
{
    int best = -1;
    double bestD = 0;
    for (int s = 0; s < int(m_nodes.size()); ++s) {
        const SceneNode &n = m_nodes[size_t(s)];
        const double d = std::hypot(n.pos.x() - world.x(), n.pos.y() - world.y());
        if (d <= n.radius + slack && (best < 0 || d < bestD)) {
            best = s;
            bestD = d;
        }
    }
    return best;
}

QRectF GraphScene::bounds() const
{
    QRectF r;
    for (const SceneNode &n : m_nodes) {
        const QRectF box(n.pos.x() - n.radius, n.pos.y() - n.radius, 2 * n.radius, 2 * n.radius);
        r = r.isNull() ? box : r.united(box);
    }
    return r;
}

QHash<int, QPointF> GraphScene::positions() const
{
    QHash<int, QPointF> out;
    out.reserve(qsizetype(m_nodes.size()));
    for (const SceneNode &n : m_nodes)
        out.insert(n.index, n.pos);
    return out;
}

} // namespace netcase::graph
