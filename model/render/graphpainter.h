#pragma once

// Draws a GraphScene with QPainter (QtGui only, so benchmarks and tests can render it to an
// image): cluster hulls, edges batched by width, nodes shaped and coloured by type and sized
// by events, labels for nodes large enough to read, and the legend.

#include "items/graph/graphscene.h"

#include <QColor>
#include <QPalette>
#include <QTransform>

#include <vector>

class QFontMetricsF;
class QPainter;

namespace netcase::graph {

struct GraphStyle
{
    QColor background;
    QColor text;
    QColor edge;
    QColor highlight;
    bool dark = false;

    static GraphStyle fromPalette(const QPalette &palette);
    /// Colour-blind-safe (Okabe–Ito) hues that read on light and dark backgrounds.
    static QColor typeColor(NodeType type);
    static QColor clusterColor(int cluster);
};

struct GraphHighlight
{
    std::vector<char> selected;  ///< per scene node: part of the hub's selection
    std::vector<char> neighbour; ///< per scene node: adjacent to a selected node
    bool any = false;
    int hovered = -1;
    int focused = -1; ///< keyboard focus
};

class GraphPainter
{
public:
    /// Paints the scene; view maps world units to widget pixels. The same as paintLayer
    /// followed by paintOverlay.
    static void paint(QPainter &p,
                      const GraphScene &scene,
                      const QTransform &view,
                      const QRectF &viewport,
                      const GraphStyle &style,
                      const GraphHighlight &highlight);
    /// What changes only with the view and the selection: background, hulls, edges, nodes,
    /// selection rings and labels. The canvas caches it while panning (see PanCache).
    static void paintLayer(QPainter &p,
                           const GraphScene &scene,
                           const QTransform &view,
                           const QRectF &viewport,
                           const GraphStyle &style,
                           const GraphHighlight &highlight);
    /// What follows the mouse and keyboard: the hovered and focused nodes' rings and labels.
    static void paintOverlay(QPainter &p,
                             const GraphScene &scene,
                             const QTransform &view,
                             const QRectF &viewport,
                             const GraphStyle &style,
                             const GraphHighlight &highlight);
    static void paintLegend(QPainter &p, const QRectF &viewport, const GraphStyle &style);
    /// The scene nodes paintLayer labels, in drawing order: the selection, the 20 heaviest in
    /// view whatever the zoom, then those drawn large enough; none covering another.
    static std::vector<int> labelled(const GraphScene &scene,
                                     const QTransform &view,
                                     const QRectF &viewport,
                                     const GraphHighlight &highlight,
                                     const QFontMetricsF &fm);
    /// Node radius in pixels at a scale (never smaller than a visible dot).
    static double pixelRadius(const SceneNode &node, double scale);
};

} // namespace netcase::graph
