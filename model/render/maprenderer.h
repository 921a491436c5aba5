#pragma once

// Paints the map (basemap, impossible-travel arcs, clustered markers, the hovered accuracy
// circle and the legend) with QPainter. Lives in the model layer (Qt Gui only) so the widget,
// `netcase screenshot` and bench/bench_map.cpp share one paint pass.

#include "items/mapclusterer.h"
#include "render/mapprojection.h"

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QRectF>
#include <QSet>
#include <QString>

#include <optional>

#include <vector>

class QPainter;

namespace netcase {

struct MapData;

struct MapScene
{
    const MapData *data = nullptr;
    std::vector<MapCluster> clusters;
    QSet<QString> selectedIps;
    int hovered = -1; ///< cluster index
    bool showLegend = true;
    /// Where the legend goes; unset: legendRect() over this scene's clusters.
    std::optional<QRectF> legend;
};

class MapRenderer
{
public:
    /// Marker colour for a worst finding severity (-1 none); readable on light and dark maps.
    static QColor severityColor(int severity, const QPalette &palette);
    static QString severityName(int severity);

    /// Paints everything: paintLayer, then paintOverlay.
    static void paint(QPainter &p,
                      const MapProjection &proj,
                      const MapScene &scene,
                      const QPalette &palette,
                      const QFont &font);
    /// What changes only with the view, the data and the selection: background, basemap,
    /// arcs and markers. The canvas caches it while panning (see PanCache).
    static void paintLayer(QPainter &p,
                           const MapProjection &proj,
                           const MapScene &scene,
                           const QPalette &palette,
                           const QFont &font);
    /// What follows the mouse: the hovered marker's accuracy circle and ring, and the legend.
    static void paintOverlay(QPainter &p,
                             const MapProjection &proj,
                             const MapScene &scene,
                             const QPalette &palette,
                             const QFont &font);
    /// The sea's colour: what a pan fills in where the shifted layer no longer reaches.
    static QColor waterColor(const QPalette &palette);
    /// An impossible-travel arc's label ("9,000 km in 2.0 h · 4,500 km/h") where it is drawn.
    struct ArcLabel
    {
        QString text;
        QRectF rect;
        std::int64_t findingId = 0;
    };
    /// The arcs' labels, each placed along its arc where it covers no label placed before it
    /// (an arc without such a place has none); none at all for more than 40 arcs.
    static std::vector<ArcLabel>
    arcLabels(const MapProjection &proj, const MapData &data, const QFont &font);
    /// The legend's rectangle for a viewport: the corner where it covers the fewest markers
    /// (the widget explains it in a tooltip there).
    static QRectF legendRect(const MapProjection &proj,
                             const std::vector<MapCluster> &clusters,
                             const QFont &font);

private:
    static void paintBasemap(QPainter &p, const MapProjection &proj, const QPalette &palette);
    static void paintArcs(QPainter &p,
                          const MapProjection &proj,
                          const MapScene &scene,
                          const QPalette &palette,
                          const QFont &font);
    static void
    paintMarkers(QPainter &p, const MapScene &scene, const QPalette &palette, const QFont &font);
    static void
    paintLegend(QPainter &p, const QRectF &box, const QPalette &palette, const QFont &font);
};

} // namespace netcase
