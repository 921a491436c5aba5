#include "graphpainter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <functional>

namespace netcase::graph {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("netcase::graph::GraphPainter", text);
}

void drawShape(QPainter &p, NodeType type, QPointF c, double r)
{
    switch (type) {
    case NodeType::Ip:
        p.drawEllipse(c, r, r);
        break;
    case NodeType::Account: {
        const double s = r * 0.9;
        p.drawRoundedRect(QRectF(c.x() - s, c.y() - s, 2 * s, 2 * s), s * 0.35, s * 0.35);
        break;
    }
    case NodeType::Asn: { // hexagon: a network of many addresses
        QPointF pts[6];
        for (int k = 0; k < 6; ++k) {
            const double a = k * 3.14159265358979 / 3;
            pts[k] = c + QPointF(std::cos(a) * r, std::sin(a) * r);
        }
        p.drawPolygon(pts, 6);
        break;
    }
    case NodeType::Host: { // diamond
        const QPointF pts[4]
                = {c + QPointF(0, -r), c + QPointF(r, 0), c + QPointF(0, r), c + QPointF(-r, 0)};
        p.drawPolygon(pts, 4);
        break;
    }
    case NodeType::UserAgent: { // triangle
        const QPointF pts[3] = {c + QPointF(0, -r), c + QPointF(r * 0.95, r * 0.7),
                                c + QPointF(-r * 0.95, r * 0.7)};
        p.drawPolygon(pts, 3);
        break;
    }
    }
}

// Level of detail, measured with bench/bench_graph.cpp: above these amounts in view a frame
// is drawn without antialiasing and with opaque colours mixed in advance against the
// background. Qt's raster engine blends translucent antialiased spans several times slower
// than it fills opaque ones, so the cost of a frame follows the length of edge drawn (its
// "ink"), not the number of edges; at that density single lines cannot be told apart anyway.
// What is lost is the darkening where many translucent edges overlap.
constexpr double kSmoothEdgeInk = 60000; ///< pixels of edge length in view
constexpr int kSmoothNodes = 2000;
constexpr double kLabelRadius = 7; ///< pixel radius from which a node gets its label
constexpr size_t kMaxLabels = 250;
constexpr size_t kImportantLabels = 20; ///< the heaviest nodes in view are labelled at any zoom

struct Marks
{
    const GraphHighlight &hl;
    bool selected(int s) const
    {
        return hl.any && size_t(s) < hl.selected.size() && hl.selected[size_t(s)];
    }
    bool near(int s) const
    {
        return hl.any && size_t(s) < hl.neighbour.size() && hl.neighbour[size_t(s)];
    }
    bool dimmed(int s) const { return hl.any && !selected(s) && !near(s); }
};

void ring(QPainter &p, QPointF at, double r, const QColor &color, double width, Qt::PenStyle st)
{
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, width, st));
    const double rr = r + width + 1;
    p.drawEllipse(at, rr, rr);
}

// The rectangle a node's label takes (beside the node, right of it).
QRectF labelBox(const QFontMetricsF &fm, const QString &text, QPointF centre, double r)
{
    const QPointF at = centre + QPointF(r + 3, fm.ascent() / 2 - 1);
    return {at.x() - 1, at.y() - fm.ascent(), fm.horizontalAdvance(text) + 2, fm.height()};
}

void label(QPainter &p,
           const GraphScene &scene,
           int s,
           QPointF centre,
           double scale,
           const GraphStyle &style,
           bool dim)
{
    const SceneNode &sn = scene.nodes()[size_t(s)];
    const GraphNode &n = scene.data()->nodes[size_t(sn.index)];
    const QFontMetricsF fm(p.font());
    const double r = GraphPainter::pixelRadius(sn, scale);
    const QRectF box = labelBox(fm, n.label, centre, r);
    QColor halo = style.background;
    halo.setAlpha(200);
    p.fillRect(box, halo);
    QColor tc = style.text;
    if (dim)
        tc.setAlpha(120);
    p.setPen(tc);
    p.drawText(QPointF(box.left() + 1, box.top() + fm.ascent()), n.label);
}

// Length of the part of segment ab inside r (Liang–Barsky clipping).
double visibleLength(QPointF a, QPointF b, const QRectF &r)
{
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    double t0 = 0, t1 = 1;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int k = 0; k < 4; ++k) {
        if (p[k] == 0) {
            if (q[k] < 0)
                return 0;
            continue;
        }
        const double t = q[k] / p[k];
        if (p[k] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
    }
    return t1 > t0 ? (t1 - t0) * std::hypot(dx, dy) : 0;
}

QColor opaqueOver(const QColor &c, const QColor &background)
{
    const float t = c.alphaF();
    return QColor::fromRgbF(background.redF() * (1 - t) + c.redF() * t,
                            background.greenF() * (1 - t) + c.greenF() * t,
                            background.blueF() * (1 - t) + c.blueF() * t);
}

// Strokes a batch of lines with one pen. A pen wider than a pixel is stroked into an outline
// and filled; one outline of thousands of crossing lines costs the scan converter far more
// than the lines one by one (measured), so those are drawn singly.
void strokeLines(QPainter &p, const std::vector<QLineF> &lines, const QPen &pen)
{
    if (lines.empty())
        return;
    p.setPen(pen);
    if (pen.widthF() <= 1) {
        p.drawLines(lines.data(), int(lines.size()));
        return;
    }
    for (const QLineF &l : lines)
        p.drawLine(l);
}

void paintEdges(QPainter &p,
                const GraphScene &scene,
                const std::vector<QPointF> &screen,
                const QRectF &visible,
                const GraphStyle &style,
                const Marks &marks)
{
    // Batched into a few width classes; analysis links dashed; the selection's edges strong.
    constexpr int kClasses = 4;
    std::vector<QLineF> batches[kClasses];
    std::vector<QLineF> analysisLines;
    std::vector<QLineF> strong;
    const GraphData *g = scene.data();
    double ink = 0;
    for (const SceneEdge &e : scene.edges()) {
        const QPointF a = screen[size_t(e.a)];
        const QPointF b = screen[size_t(e.b)];
        if (!visible.contains(a) && !visible.contains(b)
            && !visible.intersects(QRectF(a, b).normalized()))
            continue;
        ink += visibleLength(a, b, visible);
        const GraphEdge &edge = g->edges[size_t(e.index)];
        if (marks.selected(e.a) || marks.selected(e.b)) {
            strong.emplace_back(a, b);
            continue;
        }
        if (edge.analysis) {
            analysisLines.emplace_back(a, b);
            continue;
        }
        const int cls = std::clamp(int(std::log10(double(std::max<std::int64_t>(1, edge.weight)))),
                                   0, kClasses - 1);
        batches[cls].emplace_back(a, b);
    }
    const bool smooth = ink <= kSmoothEdgeInk;
    p.setRenderHint(QPainter::Antialiasing, smooth);
    QColor edgeColor = style.edge;
    if (marks.hl.any)
        edgeColor.setAlpha(edgeColor.alpha() / 2);
    if (!smooth) { // a little stronger: dense edges no longer darken where they overlap
        edgeColor.setAlphaF(std::min(1.0f, edgeColor.alphaF() * 1.5f));
        edgeColor = opaqueOver(edgeColor, style.background);
    }
    p.setBrush(Qt::NoBrush);
    for (int c = 0; c < kClasses; ++c)
        strokeLines(p, batches[c], QPen(edgeColor, 0.8 + c * 0.9));
    QColor dashed = style.text;
    dashed.setAlpha(150);
    strokeLines(p, analysisLines, QPen(dashed, 1.4, Qt::DashLine));
    p.setRenderHint(QPainter::Antialiasing, true);
    strokeLines(p, strong, QPen(style.highlight, 2));
}

void paintNodes(QPainter &p,
                const GraphScene &scene,
                const std::vector<QPointF> &screen,
                double scale,
                const QRectF &visible,
                const GraphStyle &style,
                const Marks &marks)
{
    const auto &nodes = scene.nodes();
    const GraphData *g = scene.data();
    int shown = 0;
    for (const QPointF &c : screen)
        shown += visible.contains(c) ? 1 : 0;
    const bool smooth = shown <= kSmoothNodes;
    p.setRenderHint(QPainter::Antialiasing, smooth);
    // One opaque pen for all outlines; the brush changes only with the colour.
    const QColor outline = style.dark ? QColor(0, 0, 0, 160) : QColor(255, 255, 255, 200);
    p.setPen(QPen(opaqueOver(outline, style.background), 1));
    QRgb current = 0;
    bool haveBrush = false;
    for (size_t s = 0; s < nodes.size(); ++s) {
        const QPointF c = screen[s];
        if (!visible.contains(c))
            continue;
        const GraphNode &n = g->nodes[size_t(nodes[s].index)];
        QColor fill = GraphStyle::typeColor(n.type);
        if (marks.dimmed(int(s))) {
            fill.setAlpha(70);
            if (!smooth)
                fill = opaqueOver(fill, style.background);
        }
        if (!haveBrush || fill.rgba() != current) {
            p.setBrush(fill);
            current = fill.rgba();
            haveBrush = true;
        }
        drawShape(p, n.type, c, GraphPainter::pixelRadius(nodes[s], scale));
    }
}

} // namespace

GraphStyle GraphStyle::fromPalette(const QPalette &palette)
{
    GraphStyle s;
    s.background = palette.color(QPalette::Base);
    s.text = palette.color(QPalette::Text);
    s.dark = s.background.lightness() < 128;
    s.edge = s.text;
    s.edge.setAlpha(s.dark ? 70 : 60);
    s.highlight = palette.color(QPalette::Highlight);
    return s;
}

QColor GraphStyle::typeColor(NodeType type)
{
    switch (type) {
    case NodeType::Ip:
        return QColor(0x00, 0x72, 0xB2); // blue
    case NodeType::Account:
        return QColor(0xE6, 0x9F, 0x00); // orange
    case NodeType::Asn:
        return QColor(0x00, 0x9E, 0x73); // bluish green
    case NodeType::Host:
        return QColor(0xCC, 0x79, 0xA7); // reddish purple
    case NodeType::UserAgent:
        return QColor(0x56, 0xB4, 0xE9); // sky blue
    }
    return Qt::gray;
}

QColor GraphStyle::clusterColor(int cluster)
{
    // Golden-angle hues: neighbouring cluster numbers get clearly different colours.
    const int hue = int(std::fmod(std::abs(cluster) * 137.508, 360.0));
    return QColor::fromHsv(hue, 110, 200);
}

double GraphPainter::pixelRadius(const SceneNode &node, double scale)
{
    return std::clamp(node.radius * scale, 2.5, 60.0);
}

void GraphPainter::paint(QPainter &p,
                         const GraphScene &scene,
                         const QTransform &view,
                         const QRectF &viewport,
                         const GraphStyle &style,
                         const GraphHighlight &hl)
{
    paintLayer(p, scene, view, viewport, style, hl);
    paintOverlay(p, scene, view, viewport, style, hl);
}

std::vector<int> GraphPainter::labelled(const GraphScene &scene,
                                        const QTransform &view,
                                        const QRectF &viewport,
                                        const GraphHighlight &hl,
                                        const QFontMetricsF &fm)
{
    const GraphData *g = scene.data();
    if (!g)
        return {};
    const double scale = std::sqrt(std::abs(view.determinant()));
    const auto &nodes = scene.nodes();
    const Marks marks{hl};
    // Selected nodes always; the heaviest in view at any zoom (a graph of thousands zoomed out
    // still names its main actors); others once they are big enough; largest first and at most
    // a few hundred (text is the expensive part of a frame).
    std::vector<int> inView;
    std::vector<QPointF> screen(nodes.size());
    for (size_t s = 0; s < nodes.size(); ++s) {
        screen[s] = view.map(nodes[s].pos);
        if (viewport.contains(screen[s]))
            inView.push_back(int(s));
    }
    double importantRadius = 0;
    if (!inView.empty()) {
        std::vector<double> radii;
        radii.reserve(inView.size());
        for (int s : inView)
            radii.push_back(nodes[size_t(s)].radius);
        const size_t k = std::min(kImportantLabels, radii.size()) - 1;
        std::nth_element(radii.begin(), radii.begin() + std::ptrdiff_t(k), radii.end(),
                         std::greater<>());
        importantRadius = radii[k];
    }
    std::vector<int> order;
    for (int s : inView) {
        if (marks.selected(s) || pixelRadius(nodes[size_t(s)], scale) >= kLabelRadius
            || nodes[size_t(s)].radius >= importantRadius)
            order.push_back(s);
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const bool fa = marks.selected(a), fb = marks.selected(b);
        if (fa != fb)
            return fa;
        return nodes[size_t(a)].radius > nodes[size_t(b)].radius;
    });
    // A label that would cover one already drawn is left out (the more important one won):
    // overlapping labels cannot be read and only cost text layout.
    std::vector<int> out;
    std::vector<QRectF> placed;
    for (int s : order) {
        if (placed.size() >= kMaxLabels)
            break;
        const QString &text = g->nodes[size_t(nodes[size_t(s)].index)].label;
        const QRectF box
                = labelBox(fm, text, screen[size_t(s)], pixelRadius(nodes[size_t(s)], scale));
        const bool covers = std::any_of(placed.begin(), placed.end(),
                                        [&](const QRectF &r) { return r.intersects(box); });
        if (covers && !marks.selected(s))
            continue;
        placed.push_back(box);
        out.push_back(s);
    }
    return out;
}

void GraphPainter::paintLayer(QPainter &p,
                              const GraphScene &scene,
                              const QTransform &view,
                              const QRectF &viewport,
                              const GraphStyle &style,
                              const GraphHighlight &hl)
{
    p.fillRect(viewport, style.background);
    const GraphData *g = scene.data();
    if (!g)
        return;
    const double scale = std::sqrt(std::abs(view.determinant()));
    const auto &nodes = scene.nodes();
    std::vector<QPointF> screen(nodes.size());
    for (size_t s = 0; s < nodes.size(); ++s)
        screen[s] = view.map(nodes[s].pos);
    const QRectF visible = viewport.adjusted(-60, -60, 60, 60);
    const Marks marks{hl};

    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    // Cluster hulls under everything.
    for (const ClusterHull &h : scene.hulls()) {
        const QPolygonF hull = view.map(h.hull);
        if (!visible.intersects(hull.boundingRect()))
            continue;
        QColor fill = GraphStyle::clusterColor(h.cluster);
        fill.setAlpha(style.dark ? 45 : 55);
        QColor line = fill;
        line.setAlpha(150);
        p.setPen(QPen(line, 1, Qt::DashLine));
        p.setBrush(fill);
        p.drawPolygon(hull);
    }
    paintEdges(p, scene, screen, visible, style, marks);
    paintNodes(p, scene, screen, scale, visible, style, marks);
    p.setRenderHint(QPainter::Antialiasing, true);
    // Rings for the selection.
    if (hl.any) {
        for (size_t s = 0; s < nodes.size(); ++s) {
            if (marks.selected(int(s)) && visible.contains(screen[s]))
                ring(p, screen[s], pixelRadius(nodes[s], scale), style.highlight, 3, Qt::SolidLine);
        }
    }
    for (int n : labelled(scene, view, viewport, hl, QFontMetricsF(p.font())))
        label(p, scene, n, screen[size_t(n)], scale, style, marks.dimmed(n));
    p.restore();
}

void GraphPainter::paintOverlay(QPainter &p,
                                const GraphScene &scene,
                                const QTransform &view,
                                const QRectF &,
                                const GraphStyle &style,
                                const GraphHighlight &hl)
{
    const GraphData *g = scene.data();
    if (!g)
        return;
    const double scale = std::sqrt(std::abs(view.determinant()));
    const auto &nodes = scene.nodes();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    for (int s : {hl.focused, hl.hovered}) {
        if (s < 0 || size_t(s) >= nodes.size())
            continue;
        const QPointF at = view.map(nodes[size_t(s)].pos);
        const double r = pixelRadius(nodes[size_t(s)], scale);
        ring(p, at, r, style.text, 1.5, s == hl.hovered ? Qt::SolidLine : Qt::DotLine);
        label(p, scene, s, at, scale, style, false);
    }
    p.restore();
}

void GraphPainter::paintLegend(QPainter &p, const QRectF &viewport, const GraphStyle &style)
{
    const QFontMetricsF fm(p.font());
    const double line = fm.height() + 3;
    const QStringList extra
            = {tr("size: events (log scale)"), tr("line width: events together"),
               tr("dashed line: link from the analysis"), tr("shaded area: entity cluster")};
    double width = 0;
    for (int t = 0; t < kNodeTypeCount; ++t)
        width = std::max(width, fm.horizontalAdvance(nodeTypeTitle(NodeType(t))) + 22);
    for (const QString &s : extra)
        width = std::max(width, fm.horizontalAdvance(s));
    const QRectF box(viewport.left() + 8, viewport.top() + 8, width + 16,
                     line * (kNodeTypeCount + extra.size()) + 12);
    QColor bg = style.background;
    bg.setAlpha(225);
    QColor border = style.text;
    border.setAlpha(80);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(border, 1));
    p.setBrush(bg);
    p.drawRoundedRect(box, 4, 4);
    double y = box.top() + 6 + line / 2;
    for (int t = 0; t < kNodeTypeCount; ++t) {
        p.setPen(QPen(style.dark ? QColor(0, 0, 0, 160) : QColor(255, 255, 255, 200), 1));
        p.setBrush(GraphStyle::typeColor(NodeType(t)));
        drawShape(p, NodeType(t), QPointF(box.left() + 14, y), 5.5);
        p.setPen(style.text);
        p.drawText(QPointF(box.left() + 26, y + fm.ascent() / 2 - 1), nodeTypeTitle(NodeType(t)));
        y += line;
    }
    QColor dim = style.text;
    dim.setAlpha(190);
    p.setPen(dim);
    for (const QString &s : extra) {
        p.drawText(QPointF(box.left() + 8, y + fm.ascent() / 2 - 1), s);
        y += line;
    }
}

} // namespace netcase::graph
