#include "graphpainter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

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
    auto isSel = [&](int s) {
        return hl.any && size_t(s) < hl.selected.size() && hl.selected[size_t(s)];
    };
    auto isNear = [&](int s) {
        return hl.any && size_t(s) < hl.neighbour.size() && hl.neighbour[size_t(s)];
    };

    p.setRenderHint(QPainter::Antialiasing, true);
    // Cluster hulls under everything.
    for (const ClusterHull &h : scene.hulls()) {
        QColor fill = GraphStyle::clusterColor(h.cluster);
        fill.setAlpha(style.dark ? 45 : 55);
        QColor line = fill;
        line.setAlpha(150);
        p.setPen(QPen(line, 1, Qt::DashLine));
        p.setBrush(fill);
        p.drawPolygon(view.map(h.hull));
    }

    // Edges: batched into a few width classes; analysis links dashed.
    constexpr int kClasses = 4;
    std::vector<QLineF> batches[kClasses];
    std::vector<QLineF> analysisLines;
    std::vector<QLineF> strong; // touching the selection
    for (const SceneEdge &e : scene.edges()) {
        const QPointF a = screen[size_t(e.a)];
        const QPointF b = screen[size_t(e.b)];
        if (!visible.contains(a) && !visible.contains(b)
            && !visible.intersects(QRectF(a, b).normalized()))
            continue;
        const GraphEdge &edge = g->edges[size_t(e.index)];
        if (isSel(e.a) || isSel(e.b)) {
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
    QColor edgeColor = style.edge;
    if (hl.any)
        edgeColor.setAlpha(edgeColor.alpha() / 2);
    p.setBrush(Qt::NoBrush);
    for (int c = 0; c < kClasses; ++c) {
        if (batches[c].empty())
            continue;
        p.setPen(QPen(edgeColor, 0.8 + c * 0.9));
        p.drawLines(batches[c].data(), int(batches[c].size()));
    }
    if (!analysisLines.empty()) {
        QColor c = style.text;
        c.setAlpha(150);
        p.setPen(QPen(c, 1.4, Qt::DashLine));
        p.drawLines(analysisLines.data(), int(analysisLines.size()));
    }
    if (!strong.empty()) {
        p.setPen(QPen(style.highlight, 2));
        p.drawLines(strong.data(), int(strong.size()));
    }

    // Nodes: dimmed when something else is selected.
    QColor outline = style.dark ? QColor(0, 0, 0, 160) : QColor(255, 255, 255, 200);
    for (size_t s = 0; s < nodes.size(); ++s) {
        const QPointF c = screen[s];
        const double r = pixelRadius(nodes[s], scale);
        if (!visible.contains(c))
            continue;
        const GraphNode &n = g->nodes[size_t(nodes[s].index)];
        QColor fill = GraphStyle::typeColor(n.type);
        if (hl.any && !isSel(int(s)) && !isNear(int(s)))
            fill.setAlpha(70);
        p.setPen(QPen(outline, 1));
        p.setBrush(fill);
        drawShape(p, n.type, c, r);
    }
    // Rings for the selection, hover and keyboard focus.
    auto ring = [&](int s, const QColor &color, double width, Qt::PenStyle penStyle) {
        if (s < 0 || size_t(s) >= nodes.size())
            return;
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(color, width, penStyle));
        const double r = pixelRadius(nodes[size_t(s)], scale) + width + 1;
        p.drawEllipse(screen[size_t(s)], r, r);
    };
    if (hl.any) {
        for (size_t s = 0; s < nodes.size(); ++s) {
            if (isSel(int(s)))
                ring(int(s), style.highlight, 3, Qt::SolidLine);
        }
    }
    ring(hl.focused, style.text, 1.5, Qt::DotLine);
    ring(hl.hovered, style.text, 1.5, Qt::SolidLine);

    // Labels: selected, hovered and focused nodes always; others once they are big enough,
    // largest first and at most a few hundred (text is the expensive part of a frame).
    std::vector<int> order;
    for (size_t s = 0; s < nodes.size(); ++s) {
        if (!viewport.contains(screen[s]))
            continue;
        const bool forced = isSel(int(s)) || int(s) == hl.hovered || int(s) == hl.focused;
        if (forced || pixelRadius(nodes[s], scale) >= 7)
            order.push_back(int(s));
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const bool fa = isSel(a) || a == hl.hovered, fb = isSel(b) || b == hl.hovered;
        if (fa != fb)
            return fa;
        return nodes[size_t(a)].radius > nodes[size_t(b)].radius;
    });
    if (order.size() > 250)
        order.resize(250);
    const QFontMetricsF fm(p.font());
    QColor halo = style.background;
    halo.setAlpha(200);
    for (int s : order) {
        const GraphNode &n = g->nodes[size_t(nodes[size_t(s)].index)];
        const double r = pixelRadius(nodes[size_t(s)], scale);
        const QPointF at = screen[size_t(s)] + QPointF(r + 3, fm.ascent() / 2 - 1);
        const QRectF box(at.x() - 1, at.y() - fm.ascent(), fm.horizontalAdvance(n.label) + 2,
                         fm.height());
        p.fillRect(box, halo);
        QColor tc = style.text;
        if (hl.any && !isSel(s) && !isNear(s) && s != hl.hovered)
            tc.setAlpha(120);
        p.setPen(tc);
        p.drawText(at, n.label);
    }
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
