#pragma once

// One pan/zoom navigator for the canvases that show a 2-D world (the map and the graph), so both
// answer the same gestures with the same steps: drag to pan (a press that moves less than 4 px
// stays a click), the wheel zooms 1.25× per notch at the pointer, + and - zoom 1.25× at the
// centre, the arrow keys pan a fifth of the view, 0 and Home fit the whole world. The canvas
// keeps its own projection and supplies what the gestures do to it.

#include <QPointF>

#include <functional>

class QKeyEvent;
class QMouseEvent;
class QWheelEvent;
class QWidget;

namespace netcase {

class PanZoomNavigator
{
public:
    static constexpr double kWheelStep = 1.25;  ///< zoom per wheel notch (120 units)
    static constexpr double kKeyStep = 1.25;    ///< zoom per + or - key
    static constexpr double kDragThreshold = 4; ///< manhattan pixels before a press is a drag

    struct Target
    {
        std::function<void(QPointF anchor, double factor)> zoomAt;
        std::function<void(QPointF deltaPx)> panBy; ///< move the world by deltaPx on screen
        std::function<void()> fit;                  ///< show the whole world
    };

    PanZoomNavigator(QWidget &canvas, Target target);

    /// A left press starts what may become a drag. Returns true when the event was taken.
    bool press(QMouseEvent *event);
    /// Pans while dragging; returns true when the move was a drag step (not a hover).
    bool move(QMouseEvent *event);
    /// Ends the press; returns true when it was a drag (so it is not a click).
    bool release(QMouseEvent *event);
    bool pressed() const { return m_pressed; }
    bool dragging() const { return m_dragging; }

    bool wheel(QWheelEvent *event);
    /// Handles the navigation keys; returns false for any other key.
    bool key(QKeyEvent *event);

private:
    QWidget &m_canvas;
    Target m_target;
    QPointF m_pressPos;
    QPointF m_lastPos;
    bool m_pressed = false;
    bool m_dragging = false;
};

} // namespace netcase
