#include "mapbasemap.h"

#include <QFile>
#include <QPolygonF>
#include <QtEndian>

namespace netcase {

const MapBasemap &MapBasemap::get(Detail detail)
{
    static const MapBasemap coarse = load(QStringLiteral(":/map/countries-110m.ncmap"));
    static const MapBasemap fine = load(QStringLiteral(":/map/countries-50m.ncmap"));
    return detail == Detail::Fine ? fine : coarse;
}

MapBasemap MapBasemap::load(const QString &path)
{
    MapBasemap map;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return map;
    const QByteArray data = f.readAll();
    const auto *p = reinterpret_cast<const uchar *>(data.constData());
    const qsizetype size = data.size();
    if (size < 10 || !data.startsWith("NCBM") || qFromLittleEndian<quint16>(p + 4) != 1)
        return map;
    const quint32 ringCount = qFromLittleEndian<quint32>(p + 6);
    qsizetype off = 10;
    for (quint32 r = 0; r < ringCount; ++r) {
        if (off + 6 > size)
            return {}; // truncated: draw no basemap rather than half of one
        const quint32 n = qFromLittleEndian<quint32>(p + off + 2);
        off += 6;
        if (n > quint32((size - off) / 4))
            return {};
        QPolygonF ring;
        ring.reserve(qsizetype(n));
        double minX = 1e9, maxX = -1e9;
        for (quint32 i = 0; i < n; ++i, off += 4) {
            const double x = qFromLittleEndian<qint16>(p + off) / 50.0;
            const double y = qFromLittleEndian<qint16>(p + off + 2) / 50.0;
            ring << QPointF(x, y);
            minX = std::min(minX, x);
            maxX = std::max(maxX, x);
        }
        auto add = [&](const QPolygonF &poly) {
            map.m_path.addPolygon(poly);
            map.m_path.closeSubpath();
        };
        add(ring);
        if (maxX > 180)
            add(ring.translated(-360, 0));
        if (minX < -180)
            add(ring.translated(360, 0));
        ++map.m_rings;
        map.m_points += int(n);
    }
    map.m_path.setFillRule(Qt::WindingFill);
    return map;
}

} // namespace netcase
