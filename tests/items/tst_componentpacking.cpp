// Component packing: small components end up next to the largest one, never on top of it or of
// each other, and keep their own shape.

#include "items/graph/componentpacking.h"
#include "items/graph/forcelayout.h"

#include <QTest>

#include <cmath>

using namespace netcase::graph;

namespace {

double dist(Vec2 a, Vec2 b)
{
    return std::hypot(a.x - b.x, a.y - b.y);
}

// A star of `leaves` around node `hub` (nodes hub .. hub + leaves).
void star(std::vector<LayoutEdge> &edges, int hub, int leaves)
{
    for (int i = 1; i <= leaves; ++i)
        edges.push_back({hub, hub + i, 1});
}

} // namespace

class TstComponentPacking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isolatedNodesMoveCloseToTheMainComponent()
    {
        // One 200-node star plus 30 isolated nodes, as in a case with a few one-off addresses.
        std::vector<LayoutEdge> edges;
        star(edges, 0, 199);
        const int n = 230;
        LayoutOptions o;
        auto pos = ForceLayout::run(n, edges, o);
        Vec2 c;
        for (int i = 0; i < 200; ++i) {
            c.x += pos[size_t(i)].x / 200;
            c.y += pos[size_t(i)].y / 200;
        }
        double mainRadius = 0;
        for (int i = 0; i < 200; ++i)
            mainRadius = std::max(mainRadius, dist(pos[size_t(i)], c));
        double farthestBefore = 0;
        for (int i = 200; i < n; ++i)
            farthestBefore = std::max(farthestBefore, dist(pos[size_t(i)], c));

        const auto before = pos;
        packComponents(pos, edges, o.idealLength);
        // The main component does not move.
        for (int i = 0; i < 200; ++i)
            QCOMPARE(pos[size_t(i)].x, before[size_t(i)].x);
        double farthestAfter = 0;
        for (int i = 200; i < n; ++i) {
            const double d = dist(pos[size_t(i)], c);
            QVERIFY2(d >= mainRadius + o.idealLength * 0.99,
                     qPrintable(QStringLiteral("node %1 inside the main component").arg(i)));
            farthestAfter = std::max(farthestAfter, d);
        }
        QVERIFY2(farthestAfter < mainRadius + 3 * o.idealLength,
                 qPrintable(QStringLiteral("farthest %1, main radius %2 (before: %3)")
                                    .arg(farthestAfter)
                                    .arg(mainRadius)
                                    .arg(farthestBefore)));
        QVERIFY(farthestAfter < farthestBefore);
    }

    void componentsDoNotOverlapAndKeepTheirShape()
    {
        std::vector<LayoutEdge> edges;
        star(edges, 0, 60);  // 0..60
        star(edges, 61, 20); // 61..81
        star(edges, 82, 20); // 82..102
        star(edges, 103, 5); // 103..108
        const int n = 115;   // 109..114 isolated
        LayoutOptions o;
        auto pos = ForceLayout::run(n, edges, o);
        const auto before = pos;
        const double gap = o.idealLength;
        packComponents(pos, edges, gap);

        // Shape: distances inside a component are unchanged.
        QVERIFY(std::abs(dist(pos[61], pos[70]) - dist(before[61], before[70])) < 1e-9);
        QVERIFY(std::abs(dist(pos[103], pos[108]) - dist(before[103], before[108])) < 1e-9);

        // No overlap: nodes of different components stay at least `gap` apart.
        const std::vector<std::pair<int, int>> ranges
                = {{0, 60},    {61, 81},   {82, 102},  {103, 108}, {109, 109},
                   {110, 110}, {111, 111}, {112, 112}, {113, 113}, {114, 114}};
        for (size_t a = 0; a < ranges.size(); ++a) {
            for (size_t b = a + 1; b < ranges.size(); ++b) {
                for (int i = ranges[a].first; i <= ranges[a].second; ++i) {
                    for (int j = ranges[b].first; j <= ranges[b].second; ++j)
                        QVERIFY2(dist(pos[size_t(i)], pos[size_t(j)]) >= gap * 0.999,
                                 qPrintable(QStringLiteral("%1 and %2 too close").arg(i).arg(j)));
                }
            }
        }
    }

    void deterministicAndSafeOnEdgeCases()
    {
        std::vector<Vec2> none;
        packComponents(none, {}, 40);
        std::vector<Vec2> one{{3, 4}};
        packComponents(one, {{0, 5, 1}, {-1, 0, 1}}, 40);
        QCOMPARE(one[0].x, 3.0);
        std::vector<Vec2> a(50, Vec2{0, 0}), b(50, Vec2{0, 0});
        packComponents(a, {}, 40);
        packComponents(b, {}, 40);
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(a[i].x == b[i].x && a[i].y == b[i].y && std::isfinite(a[i].x));
    }
};

QTEST_GUILESS_MAIN(TstComponentPacking)
#include "tst_componentpacking.moc"
