// The Barnes–Hut force layout: approximation quality, determinism, energy, no collapse.

#include "items/graph/columnlayout.h"
#include "items/graph/forcelayout.h"
#include "items/graph/quadtree.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace netcase::graph;

namespace {

std::vector<LayoutEdge> grid(int side)
{
    std::vector<LayoutEdge> edges;
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            const int i = y * side + x;
            if (x + 1 < side)
                edges.push_back({i, i + 1, 1});
            if (y + 1 < side)
                edges.push_back({i, i + side, 1});
        }
    }
    return edges;
}

double minDistance(const std::vector<Vec2> &pos)
{
    double best = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < pos.size(); ++i) {
        for (size_t j = i + 1; j < pos.size(); ++j)
            best = std::min(best, std::hypot(pos[i].x - pos[j].x, pos[i].y - pos[j].y));
    }
    return best;
}

double extent(const std::vector<Vec2> &pos)
{
    double m = 0;
    for (const Vec2 &p : pos)
        m = std::max({m, std::abs(p.x), std::abs(p.y)});
    return m;
}

} // namespace

class TestGraphLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void barnesHutMatchesExactSum()
    {
        std::vector<Vec2> pts;
        for (int i = 0; i < 400; ++i)
            pts.push_back({std::sin(i * 12.9898) * 500, std::cos(i * 78.233) * 500});
        const std::vector<double> masses(pts.size(), 1.0);
        QuadTree tree;
        tree.build(pts, masses);
        double worst = 0;
        for (int i = 0; i < int(pts.size()); i += 7) {
            const Vec2 exact = tree.repulsion(i, pts[size_t(i)], 1, 100, 0.0);
            const Vec2 approx = tree.repulsion(i, pts[size_t(i)], 1, 100, 0.5);
            const double err = std::hypot(exact.x - approx.x, exact.y - approx.y)
                               / std::max(1e-9, std::hypot(exact.x, exact.y));
            worst = std::max(worst, err);
        }
        QVERIFY2(worst < 0.05, qPrintable(QStringLiteral("relative error %1").arg(worst)));
        // The exact sum equals a brute-force sum for one point.
        Vec2 brute;
        for (size_t j = 1; j < pts.size(); ++j) {
            const double dx = pts[0].x - pts[j].x, dy = pts[0].y - pts[j].y;
            const double d2 = dx * dx + dy * dy;
            brute.x += 100 * dx / d2;
            brute.y += 100 * dy / d2;
        }
        const Vec2 exact = tree.repulsion(0, pts[0], 1, 100, 0.0);
        QVERIFY(std::abs(exact.x - brute.x) < 1e-6 * std::max(1.0, std::abs(brute.x)));
        QVERIFY(std::abs(exact.y - brute.y) < 1e-6 * std::max(1.0, std::abs(brute.y)));
    }

    void spatialOrderVisitsEveryPointOnce()
    {
        std::vector<Vec2> pts;
        for (int i = 0; i < 500; ++i)
            pts.push_back({double((i * 37) % 101), double((i * 53) % 97)});
        pts.push_back(pts[3]); // coincident points share a leaf
        pts.push_back(pts[3]);
        QuadTree tree;
        const std::vector<double> masses(pts.size(), 1.0);
        tree.build(pts, masses);
        std::vector<int> order;
        tree.spatialOrder(order);
        QCOMPARE(order.size(), pts.size());
        std::sort(order.begin(), order.end());
        for (size_t i = 0; i < order.size(); ++i)
            QCOMPARE(order[i], int(i));
    }

    void coincidentPointsDoNotBreakTheTree()
    {
        const std::vector<Vec2> pts(50, Vec2{3, 3});
        const std::vector<double> masses(pts.size(), 1.0);
        QuadTree tree;
        tree.build(pts, masses);
        const Vec2 f = tree.repulsion(0, pts[0], 1, 1, 1.0);
        QVERIFY(std::isfinite(f.x) && std::isfinite(f.y));
        QVERIFY(std::hypot(f.x, f.y) > 0); // the stack pushes the point away, it is not stuck
    }

    void deterministicForASeed()
    {
        const auto edges = grid(10);
        LayoutOptions o;
        o.seed = 42;
        const auto a = ForceLayout::run(100, edges, o);
        const auto b = ForceLayout::run(100, edges, o);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].x, b[i].x);
            QCOMPARE(a[i].y, b[i].y);
        }
        o.seed = 43;
        const auto c = ForceLayout::run(100, edges, o);
        bool differs = false;
        for (size_t i = 0; i < a.size(); ++i)
            differs = differs || a[i].x != c[i].x;
        QVERIFY(differs);
    }

    void largeGraphsRepulseInParallelDeterministically()
    {
        // 1,600 nodes: above the size from which repulsion is spread over threads. Every
        // thread writes only its own nodes, so two runs agree to the bit and the layout
        // still untangles the grid.
        const auto edges = grid(40);
        LayoutOptions o;
        o.seed = 5;
        o.maxIterations = 40;
        const auto a = ForceLayout::run(1600, edges, o);
        const auto b = ForceLayout::run(1600, edges, o);
        QCOMPARE(a.size(), size_t(1600));
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].x, b[i].x);
            QCOMPARE(a[i].y, b[i].y);
        }
        QVERIFY(ForceLayout::energy(a, edges, o)
                < ForceLayout::energy(ForceLayout::initialPositions(1600, edges, o), edges, o));
    }

    void energyDecreases()
    {
        const auto edges = grid(12);
        const int n = 144;
        LayoutOptions o;
        o.seed = 7;
        const double start
                = ForceLayout::energy(ForceLayout::initialPositions(n, edges, o), edges, o);
        double previous = start;
        for (int iterations : {10, 60, 400}) {
            o.maxIterations = iterations;
            const double e = ForceLayout::energy(ForceLayout::run(n, edges, o), edges, o);
            QVERIFY2(e < previous, qPrintable(QStringLiteral("%1 iterations: %2 >= %3")
                                                      .arg(iterations)
                                                      .arg(e)
                                                      .arg(previous)));
            previous = e;
        }
        QVERIFY(previous < start);
    }

    void gridEdgesComeOutEvenlyLong()
    {
        // A well laid out grid has edges of similar length (no folded or crushed regions).
        const auto edges = grid(10);
        LayoutOptions o;
        const auto pos = ForceLayout::run(100, edges, o);
        std::vector<double> len;
        for (const LayoutEdge &e : edges)
            len.push_back(std::hypot(pos[size_t(e.a)].x - pos[size_t(e.b)].x,
                                     pos[size_t(e.a)].y - pos[size_t(e.b)].y));
        std::sort(len.begin(), len.end());
        const double median = len[len.size() / 2];
        QVERIFY(median > o.idealLength * 0.2 && median < o.idealLength * 3);
        QVERIFY2(len[len.size() * 9 / 10] < median * 2.5, "edge lengths vary too much");
    }

    void noCollapseFromACommonStart()
    {
        // A star (an address used by many accounts) started with every node on one point:
        // the leaves must spread out, not stay stacked.
        const int n = 60;
        std::vector<LayoutEdge> edges;
        for (int i = 1; i < n; ++i)
            edges.push_back({0, i, 3});
        LayoutOptions o;
        o.initial.assign(size_t(n), Vec2{0, 0});
        const auto pos = ForceLayout::run(n, edges, o);
        QVERIFY2(minDistance(pos) > o.idealLength * 0.05,
                 qPrintable(QStringLiteral("min distance %1").arg(minDistance(pos))));
    }

    void disconnectedNodesStayNear()
    {
        // 200 isolated nodes: gravity holds them, repulsion keeps them apart.
        LayoutOptions o;
        const auto pos = ForceLayout::run(200, {}, o);
        QVERIFY(minDistance(pos) > o.idealLength * 0.1);
        QVERIFY(extent(pos) < o.idealLength * 200);
        for (const Vec2 &p : pos)
            QVERIFY(std::isfinite(p.x) && std::isfinite(p.y));
    }

    void expansionKeepsPlacedNodes()
    {
        // Nodes with a start position keep roughly their place; new ones start beside a
        // neighbour instead of anywhere.
        const auto edges = grid(6);
        LayoutOptions o;
        const auto before = ForceLayout::run(36, edges, o);
        o.initial = before;
        o.initial.push_back({std::nan(""), std::nan("")});
        auto grown = edges;
        grown.push_back({0, 36, 1});
        const auto start = ForceLayout::initialPositions(37, grown, o);
        QVERIFY(std::hypot(start[36].x - before[0].x, start[36].y - before[0].y)
                <= o.idealLength * 1.01);
        o.maxIterations = 50;
        const auto after = ForceLayout::run(37, grown, o);
        double drift = 0;
        for (int i = 0; i < 36; ++i)
            drift += std::hypot(after[size_t(i)].x - before[size_t(i)].x,
                                after[size_t(i)].y - before[size_t(i)].y);
        QVERIFY2(drift / 36 < o.idealLength, qPrintable(QString::number(drift / 36)));
    }

    void badInputIsHarmless()
    {
        LayoutOptions o;
        QCOMPARE(ForceLayout::run(0, {}, o).size(), size_t(0));
        QCOMPARE(ForceLayout::run(1, {{0, 0, 1}}, o).size(), size_t(1));
        // Self loops and out-of-range endpoints are ignored.
        const auto pos = ForceLayout::run(3, {{0, 0, 1}, {0, 7, 1}, {-1, 2, 1}, {1, 2, 5}}, o);
        QCOMPARE(pos.size(), size_t(3));
        for (const Vec2 &p : pos)
            QVERIFY(std::isfinite(p.x) && std::isfinite(p.y));
    }

    void cancelStopsEarly()
    {
        LayoutOptions o;
        LayoutStats stats;
        ForceLayout::run(100, grid(10), o, &stats, [](int it) { return it < 3; });
        QVERIFY(stats.cancelled);
        QCOMPARE(stats.iterations, 3);
    }

    // The second layout: columns by kind, ordered so that edges cross less.
    void columnsAreColumnsAndUncross()
    {
        // Accounts 0..3 (column 0), addresses 4..7 (column 1): account i used address 7 - i,
        // and the addresses start in the other order (by weight), so every edge crosses.
        std::vector<int> column{0, 0, 0, 0, 1, 1, 1, 1};
        std::vector<double> weight{4, 3, 2, 1, 4, 3, 2, 1};
        std::vector<LayoutEdge> edges;
        for (int i = 0; i < 4; ++i)
            edges.push_back({i, 7 - i, 1});
        edges.push_back({4, 5, 1}); // inside a column: ignored
        auto crossings = [&](const std::vector<Vec2> &p) {
            int n = 0;
            for (size_t a = 0; a < 4; ++a)
                for (size_t b = a + 1; b < 4; ++b) {
                    const auto &ea = edges[a];
                    const auto &eb = edges[b];
                    const double d1 = p[size_t(ea.a)].y - p[size_t(eb.a)].y;
                    const double d2 = p[size_t(ea.b)].y - p[size_t(eb.b)].y;
                    n += d1 * d2 < 0 ? 1 : 0;
                }
            return n;
        };
        ColumnOptions none;
        none.sweeps = 0;
        const auto start = ColumnLayout::run(column, weight, edges, none);
        QCOMPARE(crossings(start), 6);
        const auto pos = ColumnLayout::run(column, weight, edges);
        QCOMPARE(crossings(pos), 0);
        for (size_t i = 0; i < pos.size(); ++i)
            QCOMPARE(pos[i].x, column[i] * ColumnOptions().columnGap);
        // Each column's rows are distinct and evenly spaced.
        std::vector<double> ys;
        for (size_t i = 0; i < 4; ++i)
            ys.push_back(pos[i].y);
        std::sort(ys.begin(), ys.end());
        for (size_t i = 1; i < ys.size(); ++i)
            QCOMPARE(ys[i] - ys[i - 1], ColumnOptions().rowGap);
        QCOMPARE(ColumnLayout::run({}, {}, {}).size(), size_t(0));
        // Deterministic.
        const auto again = ColumnLayout::run(column, weight, edges);
        for (size_t i = 0; i < pos.size(); ++i)
            QCOMPARE(again[i].y, pos[i].y);
    }
};

QTEST_GUILESS_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
