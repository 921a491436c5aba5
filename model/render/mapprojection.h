#pragma once

// The map's equirectangular projection: longitude and latitude map linearly to screen pixels.
// Simple, honest about distance near the equator, and cheap enough to project 100,000 points a
// frame. A value type so the widget, the renderer and the benchmark share it.

#include <QPointF>
#include <QSizeF>

#include <algorithm>
#include <cmath>

namespace netcase {

struct MapProjection
{
    QSizeF size; ///< viewport in logical pixels
    double centerLon = 10.0;
    double centerLat = 20.0;
    double pxPerDeg = 3.0;

    static constexpr double kKmPerDeg = 111.32; // at the equator

    QPointF toScreen(double lon, double lat) const
    {
        return {size.width() / 2 + (lon - centerLon) * pxPerDeg,
                size.height() / 2 - (lat - centerLat) * pxPerDeg};
    }
    QPointF toGeo(QPointF p) const // x = longitude, y = latitude
    {
        return {centerLon + (p.x() - size.width() / 2) / pxPerDeg,
                centerLat - (p.y() - size.height() / 2) / pxPerDeg};
    }
    /// Pixels for a distance north-south (a circle's vertical radius).
    double kmToPx(double km) const { return km / kKmPerDeg * pxPerDeg; }

    /// The whole inhabited world (60 S to 85 N) in the viewport.
    static MapProjection fitWorld(QSizeF size)
    {
        MapProjection p;
        p.size = size;
        p.centerLon = 0;
        p.centerLat = 12.5;
        p.pxPerDeg = std::max(0.05, std::min(size.width() / 360.0, size.height() / 145.0));
        // Never show empty space above the pole when the view is taller than the world needs.
        const double halfLat = size.height() / 2 / p.pxPerDeg;
        p.centerLat = halfLat >= 90 ? 0.0 : std::min(p.centerLat, 90.0 - halfLat);
        return p;
    }
    /// The box (degrees) filling about 80 % of the viewport, centred; never closer than a box
    /// of minSpanDeg a side (a single address is shown with its region around it).
    static MapProjection fitBox(QSizeF size,
                                double minLon,
                                double minLat,
                                double maxLon,
                                double maxLat,
                                double minSpanDeg = 8.0)
    {
        MapProjection p;
        p.size = size;
        p.centerLon = (minLon + maxLon) / 2;
        p.centerLat = (minLat + maxLat) / 2;
        const double w = std::max(maxLon - minLon, minSpanDeg);
        const double h = std::max(maxLat - minLat, minSpanDeg / 2);
        const double world = fitWorld(size).pxPerDeg;
        p.pxPerDeg = std::clamp(std::min(size.width() / w, size.height() / h) * 0.8, world, 2000.0);
        p.clampCenter();
        return p;
    }
    /// Zooms by factor keeping the geographic point under anchor fixed.
    void zoomAt(QPointF anchor, double factor)
    {
        const QPointF geo = toGeo(anchor);
        const double minScale = std::min(size.width() / 360.0, size.height() / 180.0) * 0.8;
        pxPerDeg = std::clamp(pxPerDeg * factor, std::max(0.05, minScale), 2000.0);
        centerLon = geo.x() - (anchor.x() - size.width() / 2) / pxPerDeg;
        centerLat = geo.y() + (anchor.y() - size.height() / 2) / pxPerDeg;
        clampCenter();
    }
    void panBy(QPointF deltaPx)
    {
        centerLon -= deltaPx.x() / pxPerDeg;
        centerLat += deltaPx.y() / pxPerDeg;
        clampCenter();
    }
    void clampCenter()
    {
        centerLon = std::clamp(centerLon, -180.0, 180.0);
        centerLat = std::clamp(centerLat, -85.0, 85.0);
    }
};

} // namespace netcase
