#include "common/panzoom.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace netcase {

PanZoomNavigator::PanZoomNavigator(QWidget &canvas, Target target)
    : m_canvas(canvas)
    , m_target(std::move(target))
{}

bool PanZoomNavigator::press(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton)
        return false;
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastPos = event->position();
    return true;
}

bool PanZoomNavigator::move(QMouseEvent *event)
{
    if (!m_pressed)
        return false;
    const QPointF pos = event->position();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() >= kDragThreshold)
        m_dragging = true;
    if (m_dragging) {
        m_canvas.setCursor(Qt::ClosedHandCursor);
        m_target.panBy(pos - m_lastPos);
        m_lastPos = pos;
    }
    return true;
}

bool PanZoomNavigator::release(QMouseEvent *)
{
    const bool wasDrag = m_dragging;
    m_pressed = m_dragging = false;
    m_canvas.unsetCursor();
    return wasDrag;
}

bool PanZoomNavigator::wheel(QWheelEvent *event)
{
    const int dy = event->angleDelta().y();
    if (dy == 0)
        return false;
    m_target.zoomAt(event->position(), std::pow(kWheelStep, double(dy) / 120.0));
    return true;
}

bool PanZoomNavigator::key(QKeyEvent *event)
{
    const QPointF centre(m_canvas.width() / 2.0, m_canvas.height() / 2.0);
    const double step = std::min(m_canvas.width(), m_canvas.height()) / 5.0;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_target.zoomAt(centre, kKeyStep);
        return true;
    case Qt::Key_Minus:
        m_target.zoomAt(centre, 1 / kKeyStep);
        return true;
    case Qt::Key_Left:
        m_target.panBy({step, 0});
        return true;
    case Qt::Key_Right:
        m_target.panBy({-step, 0});
        return true;
    case Qt::Key_Up:
        m_target.panBy({0, step});
        return true;
    case Qt::Key_Down:
        m_target.panBy({0, -step});
        return true;
    case Qt::Key_0:
    case Qt::Key_Home:
        m_target.fit();
        return true;
    default:
        return false;
    }
}

} // namespace netcase
