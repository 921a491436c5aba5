#include "pancache.h"

#include <QColor>
#include <QPainter>
#include <QRegion>

#include <cmath>

namespace netcase {

void PanCache::render(QSize size, qreal dpr, const std::function<void(QPainter &)> &paint)
{
    const QSize pixels(int(std::ceil(size.width() * dpr)), int(std::ceil(size.height() * dpr)));
    if (m_image.size() != pixels)
        m_image = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
    m_image.setDevicePixelRatio(dpr);
    m_size = size;
    m_dpr = dpr;
    QPainter p(&m_image);
    paint(p);
    p.end();
    ++m_renders;
}

bool PanCache::fits(QSize size, qreal dpr) const
{
    return isValid() && m_size == size && qFuzzyCompare(m_dpr, dpr);
}

void PanCache::draw(QPainter &p, QPointF offset, const QColor &fill) const
{
    // Whole device pixels: a fractional blit would be resampled (blurred) or snapped anyway.
    const QPointF at(std::round(offset.x() * m_dpr) / m_dpr,
                     std::round(offset.y() * m_dpr) / m_dpr);
    const QRectF area(QPointF(0, 0), QSizeF(m_size));
    const QRectF covered = QRectF(at, QSizeF(m_size)).intersected(area);
    if (covered != area && fill.isValid()) {
        QRegion strips(area.toAlignedRect());
        strips -= QRegion(covered.toAlignedRect());
        for (const QRect &r : strips)
            p.fillRect(r, fill);
    }
    p.drawImage(at, m_image);
}

} // namespace netcase
