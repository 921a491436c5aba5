#include "maprenderer.h"

#include "core/severity.h"
#include "items/mapdata.h"
#include "render/mapbasemap.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace netcase {

namespace {

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette &pal)
{
    return pal.color(QPalette::Window).lightness() < 128;
}

} // namespace

QColor MapRenderer::severityColor(int severity, const QPalette &palette)
{
    const bool dark = isDark(palette);
    if (severity < 0)
        return dark ? QColor(0x6c, 0xa8, 0xf0) : QColor(0x1f, 0x63, 0xc0); // no finding: blue
    if (severityLevel(severity) == SeverityLevel::High)
        return dark ? QColor(0xff, 0x5c, 0x5c) : QColor(0xc6, 0x20, 0x20);
    if (severityLevel(severity) == SeverityLevel::Medium)
        return dark ? QColor(0xff, 0xa3, 0x3a) : QColor(0xd9, 0x6a, 0x00);
    return dark ? QColor(0xf2, 0xd0, 0x4a) : QColor(0xa8, 0x8a, 0x00);
}

QString MapRenderer::severityName(int severity)
{
    if (severity < 0)
        return QStringLiteral("no finding");
    return severityWithRange(severity);
}

void MapRenderer::paint(QPainter &p,
                        const MapProjection &proj,
                        const MapScene &scene,
                        const QPalette &palette,
                        const QFont &font)
{
    paintLayer(p, proj, scene, palette, font);
    paintOverlay(p, proj, scene, palette, font);
}

void MapRenderer::paintLayer(QPainter &p,
                             const MapProjection &proj,
                             const MapScene &scene,
                             const QPalette &palette,
                             const QFont &font)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.fillRect(QRectF(QPointF(0, 0), proj.size), palette.color(QPalette::Base));
    paintBasemap(p, proj, palette);
    if (scene.data)
        paintArcs(p, proj, scene, palette, font);
    paintMarkers(p, scene, palette, font);
    if (scene.data) { // the arcs' labels over the markers, so a crowded place cannot hide them
        p.setFont(font);
        for (const ArcLabel &l : arcLabels(proj, *scene.data, font)) {
            p.setPen(Qt::NoPen);
            QColor bg = palette.color(QPalette::Base);
            bg.setAlpha(225);
            p.setBrush(bg);
            p.drawRoundedRect(l.rect, 3, 3);
            p.setPen(palette.color(QPalette::Text));
            p.drawText(l.rect, Qt::AlignCenter, l.text);
        }
    }
    p.restore();
}

void MapRenderer::paintOverlay(QPainter &p,
                               const MapProjection &proj,
                               const MapScene &scene,
                               const QPalette &palette,
                               const QFont &font)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    if (scene.hovered >= 0 && scene.hovered < int(scene.clusters.size())) {
        const MapCluster &c = scene.clusters[size_t(scene.hovered)];
        const QColor color = severityColor(c.severity, palette);
        if (c.accuracyKm > 0) { // the accuracy radius: where the address may really be
            const double r = proj.kmToPx(c.accuracyKm);
            QColor fill = color;
            fill.setAlpha(40);
            p.setBrush(fill);
            p.setPen(QPen(color, 1.2, Qt::DashLine));
            p.drawEllipse(c.pos, r, r);
        }
        const double r = markerRadius(c.events) + (c.members.size() > 1 ? 3 : 0);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette.color(QPalette::Text), 2.5));
        p.drawEllipse(c.pos, r + 3, r + 3);
    }
    if (scene.showLegend) {
        const QRectF box = scene.legend ? *scene.legend : legendRect(proj, scene.clusters, font);
        if (box.width() <= proj.size.width() * 0.6 && box.height() <= proj.size.height() * 0.7)
            paintLegend(p, box, palette, font); // else too small a view: the tooltip explains
    }
    p.restore();
}

QColor MapRenderer::waterColor(const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), QColor(0x3a, 0x7b, 0xd5),
               isDark(palette) ? 0.18 : 0.10);
}

void MapRenderer::paintBasemap(QPainter &p, const MapProjection &proj, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base), text = palette.color(QPalette::Text);
    const QColor water = waterColor(palette);
    const QPointF tl = proj.toScreen(-180, 90), br = proj.toScreen(180, -90);
    const QRectF world(tl, br);
    p.save();
    p.fillRect(world, water);
    p.setClipRect(world.intersected(QRectF(QPointF(0, 0), proj.size)));
    QTransform t;
    t.translate(proj.size.width() / 2 - proj.centerLon * proj.pxPerDeg,
                proj.size.height() / 2 + proj.centerLat * proj.pxPerDeg);
    t.scale(proj.pxPerDeg, -proj.pxPerDeg);
    p.setTransform(t, true);
    // Antialiasing 100,000 outline points costs most of a frame; unsmoothed borders at this
    // scale look nearly the same (bench/bench_map.cpp measures both passes).
    p.setRenderHint(QPainter::Antialiasing, false);
    // Graticule every 30 degrees: a faint reference for where things are.
    QPen grid(mix(water, text, 0.12), 0);
    grid.setCosmetic(true);
    p.setPen(grid);
    for (int lon = -180; lon <= 180; lon += 30)
        p.drawLine(QPointF(lon, -90), QPointF(lon, 90));
    for (int lat = -60; lat <= 90; lat += 30)
        p.drawLine(QPointF(-180, lat), QPointF(180, lat));
    const auto detail = proj.pxPerDeg > 6 ? MapBasemap::Detail::Fine : MapBasemap::Detail::Coarse;
    QPen border(mix(base, text, 0.38), 0.8);
    border.setCosmetic(true);
    p.setPen(border);
    p.setBrush(mix(base, text, isDark(palette) ? 0.16 : 0.10));
    p.drawPath(MapBasemap::get(detail).path());
    p.restore();
}

void MapRenderer::paintArcs(QPainter &p,
                            const MapProjection &proj,
                            const MapScene &scene,
                            const QPalette &palette,
                            const QFont &font)
{
    const auto &arcs = scene.data->arcs;
    p.save();
    p.setFont(font);
    for (const TravelArc &a : arcs) {
        const QPointF from = proj.toScreen(a.fromLon, a.fromLat);
        const QPointF to = proj.toScreen(a.toLon, a.toLat);
        const QPointF mid = (from + to) / 2;
        const QPointF d = to - from;
        const QPointF normal(-d.y() * 0.2, d.x() * 0.2); // bulge so two arcs never hide a line
        QPainterPath path(from);
        path.quadTo(mid + normal, to);
        QPen pen(severityColor(a.severity, palette), 2.2, Qt::DashLine);
        pen.setCapStyle(Qt::RoundCap);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        // Arrowhead at the destination: the direction of travel.
        const QPointF tangent = to - (mid + normal);
        const double len = std::hypot(tangent.x(), tangent.y());
        if (len > 1) {
            const QPointF u = tangent / len, n(-u.y(), u.x());
            const double s = QFontMetricsF(font).height() * 0.45;
            p.setPen(Qt::NoPen);
            p.setBrush(pen.color());
            p.drawPolygon(QPolygonF({to, to - u * s * 1.6 + n * s, to - u * s * 1.6 - n * s}));
        }
    }
    p.restore();
}

std::vector<MapRenderer::ArcLabel>
MapRenderer::arcLabels(const MapProjection &proj, const MapData &data, const QFont &font)
{
    std::vector<ArcLabel> out;
    if (data.arcs.size() > 40)
        return out; // a crowd of labels says nothing: the arcs' tooltips do
    const QLocale loc;
    const QFontMetricsF fm(font);
    for (const TravelArc &a : data.arcs) {
        const QPointF from = proj.toScreen(a.fromLon, a.fromLat);
        const QPointF to = proj.toScreen(a.toLon, a.toLat);
        const QPointF d = to - from;
        const QPointF control = (from + to) / 2 + QPointF(-d.y() * 0.2, d.x() * 0.2);
        const double hours = double(std::abs(a.toUs - a.fromUs)) / 3.6e9;
        QString label
                = QStringLiteral("%1 km in %2")
                          .arg(loc.toString(qlonglong(std::llround(a.distanceKm))),
                               hours < 1 ? QStringLiteral("%1 min").arg(std::llround(hours * 60))
                                         : QStringLiteral("%1 h").arg(hours, 0, 'f', 1));
        if (a.speedKmh >= 0)
            label += QStringLiteral(" · %1 km/h")
                             .arg(loc.toString(qlonglong(std::llround(a.speedKmh))));
        const QRectF box = fm.boundingRect(label).adjusted(-3, -1, 3, 1);
        // Along the arc from its middle outwards, the first place free of the labels before it;
        // an arc with no place left keeps its label in its tooltip.
        for (double t : {0.5, 0.38, 0.62, 0.26, 0.74, 0.15, 0.85}) {
            const QPointF at = (1 - t) * (1 - t) * from + 2 * (1 - t) * t * control + t * t * to;
            const QRectF candidate = box.translated(at - box.center());
            if (std::none_of(out.begin(), out.end(),
                             [&](const ArcLabel &o) { return o.rect.intersects(candidate); })) {
                out.push_back({label, candidate, a.findingId});
                break;
            }
        }
    }
    return out;
}

void MapRenderer::paintMarkers(QPainter &p,
                               const MapScene &scene,
                               const QPalette &palette,
                               const QFont &font)
{
    if (!scene.data)
        return;
    const auto &locs = scene.data->locations;
    p.save();
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    p.setFont(small);
    const QColor outline = palette.color(QPalette::Base);
    const QColor highlight = palette.color(QPalette::Highlight);
    for (size_t i = 0; i < scene.clusters.size(); ++i) {
        const MapCluster &c = scene.clusters[i];
        const double r = markerRadius(c.events) + (c.members.size() > 1 ? 3 : 0);
        QColor fill = severityColor(c.severity, palette);
        fill.setAlpha(210);
        bool selected = false;
        if (!scene.selectedIps.isEmpty()) {
            for (int m : c.members) {
                for (const QString &ip : locs[size_t(m)].ips) {
                    if (scene.selectedIps.contains(ip)) {
                        selected = true;
                        break;
                    }
                }
                if (selected)
                    break;
            }
        }
        if (c.destination) {
            // A destination: a hollow square, so a place that is both source and destination
            // shows the source's disc inside the destination's frame.
            const double s = r * 0.8 + 2;
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(fill, 1.6));
            p.drawRect(QRectF(c.pos.x() - s, c.pos.y() - s, 2 * s, 2 * s));
            if (selected) {
                p.setPen(QPen(highlight, 2.5));
                p.drawRect(QRectF(c.pos.x() - s - 3, c.pos.y() - s - 3, 2 * s + 6, 2 * s + 6));
            }
            continue;
        }
        p.setBrush(fill);
        p.setPen(QPen(outline, 1.2));
        p.drawEllipse(c.pos, r, r);
        if (selected) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(highlight, 2.5));
            p.drawEllipse(c.pos, r + 3, r + 3);
        }
        if (c.members.size() > 1 && r >= 7) {
            p.setPen(fill.lightness() > 140 ? Qt::black : Qt::white);
            p.drawText(QRectF(c.pos.x() - r, c.pos.y() - r, 2 * r, 2 * r), Qt::AlignCenter,
                       c.ips >= 1000 ? QStringLiteral("%1k").arg(c.ips / 1000)
                                     : QString::number(c.ips));
        }
    }
    p.restore();
}

QRectF MapRenderer::legendRect(const MapProjection &proj,
                               const std::vector<MapCluster> &clusters,
                               const QFont &font)
{
    const QFontMetricsF fm(font);
    const double w = fm.horizontalAdvance(QStringLiteral("○ accuracy radius (hover a point)")) + 40;
    const double h = fm.height() * 10.6;
    const double W = proj.size.width(), H = proj.size.height();
    // Bottom left first (over the Pacific and Antarctica at the world view), then the others:
    // the first corner covering the least marker area wins.
    const QRectF corners[] = {
            {8, H - h - 8, w, h}, {W - w - 8, H - h - 8, w, h}, {8, 8, w, h}, {W - w - 8, 8, w, h}};
    QRectF best = corners[0];
    double bestCover = -1;
    for (const QRectF &r : corners) {
        double cover = 0;
        for (const MapCluster &c : clusters) {
            const double rad = markerRadius(c.events) + 3;
            if (r.adjusted(-rad, -rad, rad, rad).contains(c.pos))
                cover += rad * rad;
        }
        if (bestCover < 0 || cover < bestCover) {
            best = r;
            bestCover = cover;
        }
    }
    return best;
}

void MapRenderer::paintLegend(QPainter &p,
                              const QRectF &box,
                              const QPalette &palette,
                              const QFont &font)
{
    const QFontMetricsF fm(font);
    const double lh = fm.height();
    p.save();
    p.setFont(font);
    QColor bg = palette.color(QPalette::Window);
    bg.setAlpha(225);
    p.setPen(QPen(palette.color(QPalette::Mid), 1));
    p.setBrush(bg);
    p.drawRoundedRect(box, 4, 4);
    double y = box.top() + lh * 0.4;
    const double x = box.left() + 8, tx = box.left() + 30;
    auto row = [&](const QString &text) {
        p.setPen(palette.color(QPalette::WindowText));
        p.drawText(QRectF(tx, y, box.width() - 34, lh), Qt::AlignVCenter, text);
        y += lh;
    };
    QFont bold = font;
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette.color(QPalette::WindowText));
    p.drawText(QRectF(x, y, box.width() - 16, lh), Qt::AlignVCenter,
               QStringLiteral("Worst finding severity"));
    y += lh;
    p.setFont(font);
    for (int sev : {-1, 20, 50, 80}) {
        p.setPen(Qt::NoPen);
        p.setBrush(severityColor(sev, palette));
        p.drawEllipse(QPointF(x + 9, y + lh / 2), lh * 0.3, lh * 0.3);
        row(severityName(sev));
    }
    p.setPen(Qt::NoPen);
    p.setBrush(palette.color(QPalette::Mid));
    p.drawEllipse(QPointF(x + 9, y + lh / 2), lh * 0.18, lh * 0.18);
    p.drawEllipse(QPointF(x + 9, y + lh * 1.5), lh * 0.42, lh * 0.42);
    row(QStringLiteral("size: events (log scale)"));
    row(QStringLiteral("number: addresses in a cluster"));
    p.setPen(QPen(palette.color(QPalette::WindowText), 1.6));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(x + 9 - lh * 0.3, y + lh / 2 - lh * 0.3, lh * 0.6, lh * 0.6));
    row(QStringLiteral("destination of flows"));
    p.setPen(QPen(severityColor(80, palette), 2, Qt::DashLine));
    p.drawLine(QPointF(x, y + lh / 2), QPointF(x + 18, y + lh / 2));
    row(QStringLiteral("impossible travel (finding)"));
    p.setPen(QPen(palette.color(QPalette::WindowText), 1, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(x + 9, y + lh / 2), lh * 0.38, lh * 0.38);
    row(QStringLiteral("○ accuracy radius (hover a point)").mid(2));
    p.restore();
}

} // namespace netcase
