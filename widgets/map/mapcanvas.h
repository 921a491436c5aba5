#pragma once

// The map's drawing surface: paints through MapRenderer and handles input: the shared pan/zoom
// gestures (common/panzoom.h: wheel or +/- to zoom, drag or arrow keys to pan, 0 or Home to fit
// the world), hover for a location's details and accuracy circle, click to select a location's
// addresses, double-click to zoom in.

#include "common/panzoom.h"
#include "items/mapclusterer.h"
#include "render/mapprojection.h"
#include "render/pancache.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <vector>

namespace netcase {

struct MapData;

class MapCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit MapCanvas(QWidget *parent = nullptr);

    void setData(std::shared_ptr<const MapData> data);
    void setSelectedIps(const QStringList &ips);
    const MapProjection &projection() const { return m_proj; }
    void setProjection(const MapProjection &proj);
    void fitWorld();
    /// Brings the locations of these addresses into view (a region around a single one);
    /// false when none of them has a location.
    bool zoomToIps(const QStringList &ips);
    /// The markers as drawn now (recomputed lazily after zoom, pan or new data).
    const std::vector<MapCluster> &clusters();
    /// The marker under a point, or -1.
    int clusterAt(QPointF pos);
    /// How often basemap, arcs and markers were rendered (a pan frame only blits them).
    int layerRenders() const { return m_layer.renders(); }

    /// Clicking a cluster of more addresses than this zooms in instead of selecting them all.
    static constexpr int kMaxSelect = 500;

Q_SIGNALS:
    void ipsClicked(const QStringList &ips);
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void invalidate();
    void endPan();
    void panStep(QPointF deltaPx);
    void zoomStep(QPointF anchor, double factor);
    QString tipFor(int cluster) const;
    QString arcTipAt(QPointF pos) const;

    std::shared_ptr<const MapData> m_data;
    MapProjection m_proj;
    bool m_fitted = false;
    std::vector<MapCluster> m_clusters;
    bool m_clustersValid = false;
    QSet<QString> m_selected;
    int m_hovered = -1;
    PanZoomNavigator m_nav;
    // Basemap, arcs and markers as last rendered (MapRenderer::paintLayer) and the view they
    // were rendered for: a drag blits them shifted and renders afresh on release or a pause.
    PanCache m_layer;
    MapProjection m_layerProj;
    bool m_layerStale = true; ///< data, selection, zoom or palette changed since
    bool m_panShift = false;
    QTimer m_panIdle;
};

} // namespace netcase
