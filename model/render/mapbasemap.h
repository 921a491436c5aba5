#pragma once

// The offline world basemap (Natural Earth country outlines, resources/map/README.md), loaded
// once from the compiled-in resources as painter paths in degrees (x = longitude, y = latitude).

#include <QPainterPath>
#include <QString>

namespace netcase {

class MapBasemap
{
public:
    enum class Detail { Coarse, Fine }; ///< 1:110m and 1:50m

    /// The shared basemap of that detail (loaded on first use; empty if the resource is bad).
    static const MapBasemap &get(Detail detail);
    /// Reads a basemap file (format in scripts/convert-basemap.py).
    static MapBasemap load(const QString &path);

    bool isEmpty() const { return m_rings == 0; }
    int rings() const { return m_rings; }
    int points() const { return m_points; }
    /// Every country ring, including copies shifted by 360 degrees for rings that cross the
    /// antimeridian, so the world draws seamlessly within -180..180.
    const QPainterPath &path() const { return m_path; }

private:
    QPainterPath m_path;
    int m_rings = 0;
    int m_points = 0;
};

} // namespace netcase
