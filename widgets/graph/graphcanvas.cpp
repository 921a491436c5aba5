#include "graphcanvas.h"

#include "core/displaytext.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace netcase {

using namespace graph;

GraphCanvas::GraphCanvas(QWidget *parent)
    : QWidget(parent)
    , m_nav(*this,
            {[this](QPointF anchor, double factor) { zoomBy(factor, anchor); },
             [this](QPointF delta) { panStep(delta); },
             [this] {
                 m_userMoved = false;
                 fitToView();
             }})
{
    setObjectName(QStringLiteral("graphCanvas"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 100);
    setAccessibleName(tr("Entity graph"));
    setWhatsThis(tr("Drag to pan, wheel or +/- to zoom, 0 to fit. Click a node to select it "
                    "in every view; double-click (or Space) to add all its neighbours. "
                    "[ and ] move the keyboard focus between nodes, Enter selects it."));
    // A pause this long in a drag renders the layer again (fills the strips the shift exposed).
    m_panIdle.setSingleShot(true);
    m_panIdle.setInterval(150);
    connect(&m_panIdle, &QTimer::timeout, this, [this] {
        m_panShift = false;
        update();
    });
}

void GraphCanvas::setScene(std::shared_ptr<const GraphScene> scene, bool keepView)
{
    m_scene = std::move(scene);
    m_layer.clear();
    m_focusOrder.clear();
    m_focusPos = -1;
    if (m_scene) {
        for (int s = 0; s < int(m_scene->nodes().size()); ++s)
            m_focusOrder.push_back(s);
        const auto &nodes = m_scene->nodes();
        const GraphData *g = m_scene->data();
        std::stable_sort(m_focusOrder.begin(), m_focusOrder.end(), [&](int a, int b) {
            return g->nodes[size_t(nodes[size_t(a)].index)].events
                   > g->nodes[size_t(nodes[size_t(b)].index)].events;
        });
    }
    if (!keepView)
        m_fitPending = true;
    if (m_fitPending && width() > 0 && isVisible())
        fitToView();
    updateHighlight();
}

void GraphCanvas::setSelectedNodes(const QSet<int> &dataIndices)
{
    m_selected = dataIndices;
    m_layer.clear();
    updateHighlight();
}

void GraphCanvas::setLegendVisible(bool visible)
{
    m_legend = visible;
    update();
}

void GraphCanvas::updateHighlight()
{
    GraphHighlight h;
    h.hovered = -1;
    if (m_scene) {
        const size_t n = m_scene->nodes().size();
        h.selected.assign(n, 0);
        h.neighbour.assign(n, 0);
        for (int dataIndex : std::as_const(m_selected)) {
            const int s = m_scene->sceneIndexOf(dataIndex);
            if (s >= 0) {
                h.selected[size_t(s)] = 1;
                h.any = true;
            }
        }
        if (h.any) {
            for (const SceneEdge &e : m_scene->edges()) {
                if (h.selected[size_t(e.a)])
                    h.neighbour[size_t(e.b)] = 1;
                if (h.selected[size_t(e.b)])
                    h.neighbour[size_t(e.a)] = 1;
            }
        }
        if (m_focusPos >= 0 && m_focusPos < int(m_focusOrder.size()))
            h.focused = m_focusOrder[size_t(m_focusPos)];
    }
    h.hovered = m_highlight.hovered;
    if (!m_scene || h.hovered >= int(m_scene->nodes().size()))
        h.hovered = -1;
    m_highlight = std::move(h);
    update();
}

QTransform GraphCanvas::viewTransform() const
{
    QTransform t;
    t.translate(width() / 2.0, height() / 2.0);
    t.scale(m_scale, m_scale);
    t.translate(-m_centre.x(), -m_centre.y());
    return t;
}

void GraphCanvas::fitToView()
{
    m_fitPending = false;
    if (!m_scene || m_scene->nodes().empty()) {
        m_scale = 1;
        m_centre = {};
        update();
        return;
    }
    const QRectF b = m_scene->bounds().adjusted(-20, -20, 20, 20);
    m_centre = b.center();
    m_scale = std::min(width() / std::max(1.0, b.width()), height() / std::max(1.0, b.height()));
    m_scale = std::clamp(m_scale, 1e-4, 8.0);
    update();
}

void GraphCanvas::centreOn(int dataIndex)
{
    if (!m_scene)
        return;
    const int s = m_scene->sceneIndexOf(dataIndex);
    if (s < 0)
        return;
    m_centre = m_scene->nodes()[size_t(s)].pos;
    update();
}

QPointF GraphCanvas::nodePosition(int dataIndex) const
{
    if (!m_scene)
        return {};
    const int s = m_scene->sceneIndexOf(dataIndex);
    return s < 0 ? QPointF() : viewTransform().map(m_scene->nodes()[size_t(s)].pos);
}

int GraphCanvas::sceneNodeAt(QPointF widgetPos) const
{
    if (!m_scene)
        return -1;
    bool ok = false;
    const QTransform inv = viewTransform().inverted(&ok);
    if (!ok)
        return -1;
    // Small nodes are drawn at least 2.5 px wide: accept clicks within a few pixels.
    const int s = m_scene->nodeAt(inv.map(widgetPos), 4 / m_scale);
    if (s >= 0)
        return s;
    for (int k = 0; k < int(m_scene->nodes().size()); ++k) { // tiny nodes at low zoom
        const SceneNode &n = m_scene->nodes()[size_t(k)];
        const QPointF c = viewTransform().map(n.pos);
        if (QLineF(c, widgetPos).length() <= GraphPainter::pixelRadius(n, m_scale) + 3)
            return k;
    }
    return -1;
}

void GraphCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const GraphStyle style = GraphStyle::fromPalette(palette());
    if (!m_scene) {
        p.fillRect(rect(), style.background);
        return;
    }
    const qreal dpr = devicePixelRatioF();
    const bool current = m_layer.fits(size(), dpr) && m_layerScale == m_scale;
    if (!current || (!m_panShift && m_layerCentre != m_centre)) {
        const QTransform view = viewTransform();
        m_layer.render(size(), dpr, [&](QPainter &lp) {
            lp.setFont(font());
            GraphPainter::paintLayer(lp, *m_scene, view, QRectF(rect()), style, m_highlight);
        });
        m_layerCentre = m_centre;
        m_layerScale = m_scale;
    }
    m_layer.draw(p, (m_layerCentre - m_centre) * m_scale, style.background);
    GraphPainter::paintOverlay(p, *m_scene, viewTransform(), QRectF(rect()), style, m_highlight);
    if (m_legend)
        GraphPainter::paintLegend(p, QRectF(rect()), style);
    if (hasFocus()) {
        QColor c = style.highlight;
        c.setAlpha(120);
        p.setPen(QPen(c, 2));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    }
}

void GraphCanvas::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        m_layer.clear();
    QWidget::changeEvent(event);
}

void GraphCanvas::endPan()
{
    m_panIdle.stop();
    if (m_panShift) {
        m_panShift = false;
        update();
    }
}

void GraphCanvas::resizeEvent(QResizeEvent *)
{
    // Until the user pans or zooms, the whole graph stays fitted (docks resize often).
    if ((m_fitPending || !m_userMoved) && m_scene)
        fitToView();
}

void GraphCanvas::panStep(QPointF deltaPx)
{
    m_centre -= deltaPx / m_scale;
    m_userMoved = true;
    if (m_nav.dragging()) { // shift the cached layer until the drag ends or pauses
        m_panShift = true;
        m_panIdle.start();
    }
    update();
}

void GraphCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::LeftButton)
        m_nav.press(event);
}

void GraphCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_nav.move(event))
        return;
    const int hovered = sceneNodeAt(event->position());
    if (hovered != m_highlight.hovered) {
        m_highlight.hovered = hovered;
        setCursor(hovered >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void GraphCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_nav.pressed())
        return;
    if (m_nav.release(event)) {
        endPan();
        return;
    }
    const int s = sceneNodeAt(event->position());
    if (s >= 0)
        Q_EMIT nodeClicked(m_scene->nodes()[size_t(s)].index);
    else
        Q_EMIT emptyClicked();
}

void GraphCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int s = sceneNodeAt(event->position());
    if (s >= 0)
        Q_EMIT nodeActivated(m_scene->nodes()[size_t(s)].index);
}

void GraphCanvas::zoomBy(double factor, QPointF anchor)
{
    bool ok = false;
    const QPointF world = viewTransform().inverted(&ok).map(anchor);
    m_scale = std::clamp(m_scale * factor, 1e-4, 20.0);
    m_userMoved = true;
    if (ok) // keep the world point under the anchor where it was
        m_centre = world - (anchor - QPointF(width() / 2.0, height() / 2.0)) / m_scale;
    update();
}

void GraphCanvas::wheelEvent(QWheelEvent *event)
{
    m_nav.wheel(event);
    event->accept();
}

void GraphCanvas::moveFocus(int step)
{
    if (m_focusOrder.empty())
        return;
    const int n = int(m_focusOrder.size());
    m_focusPos = m_focusPos < 0 ? (step > 0 ? 0 : n - 1) : (m_focusPos + step + n) % n;
    const int s = m_focusOrder[size_t(m_focusPos)];
    const QPointF at = viewTransform().map(m_scene->nodes()[size_t(s)].pos);
    if (!rect().contains(at.toPoint()))
        m_centre = m_scene->nodes()[size_t(s)].pos;
    updateHighlight();
}

void GraphCanvas::keyPressEvent(QKeyEvent *event)
{
    if (m_nav.key(event))
        return;
    switch (event->key()) {
    case Qt::Key_BracketRight:
        moveFocus(1);
        return;
    case Qt::Key_BracketLeft:
        moveFocus(-1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_highlight.focused >= 0 && m_scene) {
            const int index = m_scene->nodes()[size_t(m_highlight.focused)].index;
            if (event->key() == Qt::Key_Space)
                Q_EMIT nodeActivated(index);
            else
                Q_EMIT nodeClicked(index);
            return;
        }
        break;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

QString GraphCanvas::tooltipFor(int s) const
{
    const GraphData *g = m_scene->data();
    const SceneNode &sn = m_scene->nodes()[size_t(s)];
    const GraphNode &n = g->nodes[size_t(sn.index)];
    const QLocale loc;
    const int degree = int(g->adjacency()[size_t(sn.index)].size());
    QString text
            = QStringLiteral("<b>%1</b><br>%2<br>").arg(htmlSafe(n.value), nodeTypeTitle(n.type));
    text += tr("%1 events (node size, log scale)").arg(loc.toString(qlonglong(n.events)));
    text += QStringLiteral("<br>") + tr("%1 neighbours in the case").arg(loc.toString(degree));
    if (n.cluster >= 0)
        text += QStringLiteral("<br>") + tr("entity cluster %1 (shaded area)").arg(n.cluster);
    text += QStringLiteral("<br><i>")
            + tr("Click: select in every view. Double-click: add all "
                 "neighbours, also hidden types and beyond the cap.")
            + QStringLiteral("</i>");
    return text;
}

bool GraphCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int s = sceneNodeAt(help->pos());
        if (s >= 0) {
            QToolTip::showText(help->globalPos(), tooltipFor(s), this);
        } else {
            QToolTip::showText(help->globalPos(),
                               tr("Entity graph: shape and colour give the type (see the "
                                  "legend); size the events; line width the events seen "
                                  "together. Drag to pan, wheel to zoom."),
                               this);
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace netcase
