#pragma once

// The drawing surface of the graph view: paints a laid-out GraphScene, answers the shared pan/
// zoom gestures (common/panzoom.h: drag or arrow keys to pan, wheel or +/- to zoom, 0 or Home to
// fit), and reports clicks, double-clicks and keyboard picks on nodes.
// Custom painting rather than QGraphicsScene: 5,000 nodes as items cost far more per frame.

#include "common/panzoom.h"
#include "items/graph/graphscene.h"
#include "render/graphpainter.h"
#include "render/pancache.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace netcase {

class GraphCanvas : public QWidget
{
    Q_OBJECT
public:
    explicit GraphCanvas(QWidget *parent = nullptr);

    void setScene(std::shared_ptr<const graph::GraphScene> scene, bool keepView);
    const graph::GraphScene *scene() const { return m_scene.get(); }
    /// Data-node indices of the hub's selection (drawn with rings; the rest dimmed).
    void setSelectedNodes(const QSet<int> &dataIndices);
    const QSet<int> &selectedNodes() const { return m_selected; }
    void setLegendVisible(bool visible);

    /// Centres and scales so the whole scene fits.
    void fitToView();
    /// Centres on a data node (when shown) without changing the zoom.
    void centreOn(int dataIndex);
    double zoom() const { return m_scale; }
    /// Widget position of a data node, or a null point when it is not shown.
    QPointF nodePosition(int dataIndex) const;
    QTransform viewTransform() const;
    /// How often the static layer was rendered (a pan frame only blits it; tests count).
    int layerRenders() const { return m_layer.renders(); }

Q_SIGNALS:
    void nodeClicked(int dataIndex);
    void nodeActivated(int dataIndex); ///< double-click or Space: expand its neighbours
    void emptyClicked();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    int sceneNodeAt(QPointF widgetPos) const;
    void zoomBy(double factor, QPointF anchor);
    void panStep(QPointF deltaPx);
    void moveFocus(int step);
    void updateHighlight();
    QString tooltipFor(int sceneIndex) const;
    void endPan();

    std::shared_ptr<const graph::GraphScene> m_scene;
    QSet<int> m_selected;
    graph::GraphHighlight m_highlight;
    double m_scale = 1;
    QPointF m_centre; ///< world point shown in the middle of the widget
    bool m_fitPending = true;
    bool m_userMoved = false; ///< panned or zoomed: keep the view on resize
    bool m_legend = true;
    PanZoomNavigator m_nav;
    // The static layer (GraphPainter::paintLayer) as last rendered: while the user drags, a
    // frame blits it shifted; it is rendered afresh on release or when the drag pauses.
    PanCache m_layer;
    QPointF m_layerCentre;
    double m_layerScale = 0;
    bool m_panShift = false; ///< a drag is under way: shift the layer instead of rendering
    QTimer m_panIdle;
    std::vector<int> m_focusOrder; ///< scene nodes, heaviest first, for keyboard navigation
    int m_focusPos = -1;
};

} // namespace netcase
