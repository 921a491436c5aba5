// The report's figures, drawn with QPainter into images: the timeline as stacked bars of
// successful, failed and other events per bucket with the most severe findings as bands below,
// and the map through the same renderer as the map view (light palette, whole world).

#include "report/reportdata.h"
#include "report/reportwriters.h"

#include "core/severity.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/mapclusterer.h"
#include "render/maprenderer.h"

#include <QFont>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace netcase {

namespace {

constexpr qreal kScale = 2.0; // device pixels per logical pixel: sharp in print
const QColor kSuccess(0x3a, 0x8f, 0x5c);
const QColor kFailure(0xc8, 0x3a, 0x32);
const QColor kOther(0x9a, 0xa3, 0xad);
const QColor kInk(0x22, 0x22, 0x22);
const QColor kGrid(0xdd, 0xdd, 0xdd);

QFont figureFont(qreal px)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(int(px));
    return f;
}

QImage canvas(QSize logical)
{
    QImage img(logical * kScale, QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(kScale);
    img.fill(Qt::white);
    return img;
}

QColor severityColor(int severity)
{
    return severity >= kSeverityHigh     ? kFailure
           : severity >= kSeverityMedium ? QColor(0xd9, 0x8a, 0x1c)
                                         : kOther;
}

/// A round axis maximum and step for counts up to max.
std::pair<std::int64_t, std::int64_t> niceAxis(std::int64_t max)
{
    std::int64_t step = 1;
    while (max / step > 5) {
        const std::int64_t base = step;
        for (std::int64_t m : {2, 5, 10}) {
            step = base * m;
            if (max / step <= 5)
                break;
        }
    }
    return {(max + step - 1) / step * step, step};
}

QImage drawTimeline(const ReportTimeline &tl)
{
    const int lanes = int(tl.bands.size());
    const QSize size(900, 300 + lanes * 16);
    QImage img = canvas(size);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    const QFont font = figureFont(11);
    p.setFont(font);
    const QFontMetricsF fm(font);
    const QRectF plot(60, 28, size.width() - 80, 220);

    std::int64_t maxTotal = 1;
    for (const TimelineBucket &b : tl.buckets)
        maxTotal = std::max(maxTotal, b.total());
    const auto [axisMax, axisStep] = niceAxis(maxTotal);
    const QLocale locale = QLocale::c();
    for (std::int64_t v = 0; v <= axisMax; v += axisStep) {
        const qreal y = plot.bottom() - plot.height() * qreal(v) / qreal(axisMax);
        p.setPen(QPen(kGrid, 1));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(kInk);
        p.drawText(QRectF(0, y - 8, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   locale.toString(qlonglong(v)));
    }
    const int n = std::max<int>(1, int(tl.buckets.size()));
    const qreal slot = plot.width() / n;
    const qreal bar = std::max<qreal>(1.0, slot * 0.8);
    for (int i = 0; i < int(tl.buckets.size()); ++i) {
        const TimelineBucket &b = tl.buckets[std::size_t(i)];
        qreal y = plot.bottom();
        const qreal x = plot.left() + i * slot + (slot - bar) / 2;
        for (const auto &[count, colour] :
             {std::pair{b.success, kSuccess}, std::pair{b.failure, kFailure},
              std::pair{b.other, kOther}}) {
            const qreal h = plot.height() * qreal(count) / qreal(axisMax);
            p.fillRect(QRectF(x, y - h, bar, h), colour);
            y -= h;
        }
    }
    p.setPen(QPen(kInk, 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    // About six time labels along the axis.
    const int every = std::max(1, n / 6);
    for (int i = 0; i < int(tl.buckets.size()); i += every) {
        const qreal x = plot.left() + i * slot;
        p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
        p.drawText(QPointF(x - 2, plot.bottom() + 18),
                   shownAxisLabel(tl.buckets[std::size_t(i)].startUs, tl.bucketUs));
    }
    // Legend, top right.
    qreal lx = plot.right();
    for (const auto &[name, colour] : {std::pair{QStringLiteral("Other"), kOther},
                                       std::pair{QStringLiteral("Failure"), kFailure},
                                       std::pair{QStringLiteral("Success"), kSuccess}}) {
        lx -= fm.horizontalAdvance(name) + 26;
        p.fillRect(QRectF(lx, 8, 12, 12), colour);
        p.setPen(kInk);
        p.drawText(QPointF(lx + 16, 18), name);
    }
    p.drawText(QPointF(plot.left(), 18),
               QStringLiteral("Events per %1 bucket (%2)")
                       .arg(TimelineSummary::bucketName(tl.bucketUs), ShownZone::name()));
    // Finding bands: one lane each, labelled with the finding id.
    if (tl.buckets.empty())
        return img;
    const std::int64_t from = tl.buckets.front().startUs;
    const std::int64_t to = tl.buckets.back().startUs + tl.bucketUs;
    const qreal top = plot.bottom() + 34;
    for (int i = 0; i < lanes; ++i) {
        const FindingBand &band = tl.bands[std::size_t(i)];
        const qreal y = top + i * 16;
        auto xOf = [&](std::int64_t us) {
            return plot.left()
                   + plot.width() * qreal(std::clamp(us, from, to) - from)
                             / qreal(std::max<std::int64_t>(1, to - from));
        };
        const qreal x0 = xOf(band.firstUs);
        const qreal x1 = std::max(xOf(band.lastUs), x0 + 3);
        p.fillRect(QRectF(x0, y + 3, x1 - x0, 9), severityColor(band.severity));
        p.setPen(kInk);
        p.drawText(QRectF(0, y, plot.left() - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("#%1").arg(band.id));
    }
    return img;
}

QPalette lightPalette()
{
    QPalette pal;
    pal.setColor(QPalette::Window, QColor(0xf6, 0xf6, 0xf4));
    pal.setColor(QPalette::WindowText, kInk);
    pal.setColor(QPalette::Base, Qt::white);
    pal.setColor(QPalette::Text, kInk);
    pal.setColor(QPalette::Mid, QColor(0xa0, 0xa0, 0xa0));
    pal.setColor(QPalette::Highlight, QColor(0x1f, 0x6f, 0xc5));
    return pal;
}

QImage drawMap(const MapData &data)
{
    const QSize size(900, 430);
    QImage img = canvas(size);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    const MapProjection proj = MapProjection::fitWorld(QSizeF(size));
    MapScene scene;
    scene.data = &data;
    scene.clusters = clusterLocations(data.locations, proj, 24);
    scene.showLegend = false; // the caption explains the markers (the legend speaks of hovering)
    // The renderer scales the font by its point size, so give it one in points.
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(8.5);
    MapRenderer::paint(p, proj, scene, lightPalette(), font);
    return img;
}

} // namespace

ReportFigures drawReportFigures(const ReportData &d)
{
    ReportFigures f;
    const QLocale locale = QLocale::c();
    if (!d.timeline.buckets.empty()) {
        f.timeline = drawTimeline(d.timeline);
        f.timelineCaption
                = QStringLiteral("Events per %1 bucket, stacked by outcome. Bands below: the %2 "
                                 "most severe of %3 findings in the period (#id), coloured by "
                                 "severity.")
                          .arg(TimelineSummary::bucketName(d.timeline.bucketUs))
                          .arg(d.timeline.bands.size())
                          .arg(d.timeline.bandsTotal);
    }
    if (d.map.locations.empty()) {
        f.mapCaption = QStringLiteral("No address of the case has a location (%1 source addresses, "
                                      "%2 of them private or reserved). Without a geolocation "
                                      "database Netcase places no address on the map.")
                               .arg(locale.toString(qlonglong(d.map.ipsWithEvents)),
                                    locale.toString(qlonglong(d.map.privateIps)));
        return f;
    }
    f.map = drawMap(d.map);
    f.mapCaption
            = QStringLiteral(
                      "%1 located places for %2 source addresses; %3 addresses have no "
                      "location (%4 of them private or reserved); %5 impossible-travel "
                      "arcs (dashed). Marker colour: worst finding severity (blue "
                      "none, ochre low, orange medium %6-%7, red high %8-100); size: events (log "
                      "scale); numbers: addresses in a cluster. Locations are database "
                      "estimates, not where a person was.")
                      .arg(locale.toString(qlonglong(d.map.locations.size())),
                           locale.toString(qlonglong(d.map.ipsWithEvents)),
                           locale.toString(qlonglong(d.map.ipsWithoutLocation)),
                           locale.toString(qlonglong(d.map.privateIps)),
                           locale.toString(qlonglong(d.map.arcs.size())),
                           QString::number(kSeverityMedium), QString::number(kSeverityHigh - 1),
                           QString::number(kSeverityHigh));
    return f;
}

} // namespace netcase
