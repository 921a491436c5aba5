#pragma once

// A rendered layer kept while the user pans: a pan frame blits it shifted (a few milliseconds)
// instead of painting thousands of items again, and the owner renders it afresh when the pan
// ends (mouse release or a pause). The graph and map canvases and their benchmarks share it.
// Qt Gui only: a QImage, so it also works offscreen and in worker-free benchmarks.

#include <QImage>
#include <QPointF>
#include <QSize>

#include <functional>

class QColor;
class QPainter;

namespace netcase {

class PanCache
{
public:
    /// Renders the layer for a viewport of size logical pixels at a device pixel ratio.
    /// paint draws in logical coordinates, like a widget's paintEvent.
    void render(QSize size, qreal dpr, const std::function<void(QPainter &)> &paint);
    /// Draws the layer moved by offset logical pixels (rounded to whole device pixels, so the
    /// blit never resamples) and fills the strips it no longer covers with fill (an invalid
    /// colour leaves them to the caller, who painted them first).
    void draw(QPainter &p, QPointF offset, const QColor &fill) const;

    bool isValid() const { return !m_image.isNull(); }
    /// True when the layer was rendered for this viewport size and device pixel ratio.
    bool fits(QSize size, qreal dpr) const;
    void clear() { m_image = QImage(); }
    /// How many times the layer was rendered (tests and benchmarks count re-renders).
    int renders() const { return m_renders; }

private:
    QImage m_image;
    QSize m_size;
    qreal m_dpr = 1;
    int m_renders = 0;
};

} // namespace netcase
