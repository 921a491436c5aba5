#include "mapcanvas.h"

#include "common/safetext.h"
#include "items/mapdata.h"
#include "render/maprenderer.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace netcase {

namespace {

double clusterCellPx(const QWidget &w)
{
    return w.fontMetrics().height() * 2.2; // scales with the font, so with high-DPI settings
}

} // namespace

MapCanvas::MapCanvas(QWidget *parent)
    : QWidget(parent)
    , m_nav(*this,
            {[this](QPointF anchor, double factor) { zoomStep(anchor, factor); },
             [this](QPointF delta) { panStep(delta); },
             [this] {
                 fitWorld();
             }})
{
    setObjectName(QStringLiteral("mapCanvas"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(160, 100);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setAccessibleName(tr("World map of source addresses"));
    m_proj = MapProjection::fitWorld(QSizeF(size()));
    m_panIdle.setSingleShot(true);
    m_panIdle.setInterval(150); // a pause in a drag renders the exposed strips
    connect(&m_panIdle, &QTimer::timeout, this, &MapCanvas::endPan);
}

void MapCanvas::setData(std::shared_ptr<const MapData> data)
{
    m_data = std::move(data);
    m_hovered = -1;
    invalidate();
}

void MapCanvas::setSelectedIps(const QStringList &ips)
{
    m_selected = QSet<QString>(ips.begin(), ips.end());
    m_layerStale = true;
    update();
}

bool MapCanvas::zoomToIps(const QStringList &ips)
{
    if (!m_data || ips.isEmpty())
        return false;
    const QSet<QString> wanted(ips.begin(), ips.end());
    double minLon = 180, maxLon = -180, minLat = 90, maxLat = -90;
    bool any = false;
    for (const MapLocation &l : m_data->locations) {
        if (std::none_of(l.ips.begin(), l.ips.end(),
                         [&](const QString &ip) { return wanted.contains(ip); }))
            continue;
        any = true;
        minLon = std::min(minLon, l.lon);
        maxLon = std::max(maxLon, l.lon);
        minLat = std::min(minLat, l.lat);
        maxLat = std::max(maxLat, l.lat);
    }
    if (!any)
        return false;
    setProjection(MapProjection::fitBox(QSizeF(size()), minLon, minLat, maxLon, maxLat));
    return true;
}

void MapCanvas::setProjection(const MapProjection &proj)
{
    m_proj = proj;
    m_proj.size = QSizeF(size());
    m_fitted = true;
    invalidate();
}

void MapCanvas::fitWorld()
{
    m_proj = MapProjection::fitWorld(QSizeF(size()));
    m_fitted = true;
    invalidate();
}

void MapCanvas::invalidate()
{
    m_clustersValid = false;
    m_layerStale = true;
    m_hovered = -1;
    update();
    Q_EMIT viewChanged();
}

void MapCanvas::endPan()
{
    m_panIdle.stop();
    if (m_panShift) {
        m_panShift = false;
        update();
    }
}

void MapCanvas::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        m_layerStale = true;
    QWidget::changeEvent(event);
}

const std::vector<MapCluster> &MapCanvas::clusters()
{
    if (!m_clustersValid) {
        m_clusters = m_data ? clusterLocations(m_data->locations, m_proj, clusterCellPx(*this))
                            : std::vector<MapCluster>{};
        m_clustersValid = true;
    }
    return m_clusters;
}

int MapCanvas::clusterAt(QPointF pos)
{
    const auto &cs = clusters();
    int best = -1;
    double bestD = 1e18;
    for (size_t i = 0; i < cs.size(); ++i) {
        const double r = markerRadius(cs[i].events) + (cs[i].members.size() > 1 ? 3 : 0) + 4;
        const double d = std::hypot(cs[i].pos.x() - pos.x(), cs[i].pos.y() - pos.y());
        if (d <= r && d < bestD) {
            best = int(i);
            bestD = d;
        }
    }
    return best;
}

void MapCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const qreal dpr = devicePixelRatioF();
    const bool moved = m_layerProj.centerLon != m_proj.centerLon
                       || m_layerProj.centerLat != m_proj.centerLat;
    const bool shiftable
            = m_layer.fits(size(), dpr) && !m_layerStale && m_layerProj.pxPerDeg == m_proj.pxPerDeg;
    if (!shiftable || (moved && !m_panShift)) {
        MapScene scene;
        scene.data = m_data.get();
        scene.clusters = clusters();
        scene.selectedIps = m_selected;
        m_layer.render(size(), dpr, [&](QPainter &lp) {
            MapRenderer::paintLayer(lp, m_proj, scene, palette(), font());
        });
        m_layerProj = m_proj;
        m_layerStale = false;
    }
    // The layer's centre is where it now lies on screen.
    const QPointF offset = m_proj.toScreen(m_layerProj.centerLon, m_layerProj.centerLat)
                           - m_layerProj.toScreen(m_layerProj.centerLon, m_layerProj.centerLat);
    if (!offset.isNull()) { // the strips the shift exposes: sea inside the world, else base
        p.fillRect(rect(), palette().color(QPalette::Base));
        p.fillRect(QRectF(m_proj.toScreen(-180, 90), m_proj.toScreen(180, -90)),
                   MapRenderer::waterColor(palette()));
    }
    m_layer.draw(p, offset, QColor());
    MapScene overlay; // only the hovered marker: no copy of every cluster per mouse move
    overlay.legend = MapRenderer::legendRect(m_proj, clusters(), font());
    if (!m_panShift && m_hovered >= 0 && m_hovered < int(clusters().size())) {
        overlay.clusters.push_back(clusters()[size_t(m_hovered)]);
        overlay.hovered = 0;
    }
    MapRenderer::paintOverlay(p, m_proj, overlay, palette(), font());
    if (hasFocus()) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        p.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

void MapCanvas::resizeEvent(QResizeEvent *)
{
    if (!m_fitted) {
        m_proj = MapProjection::fitWorld(QSizeF(size()));
    } else {
        m_proj.size = QSizeF(size());
    }
    invalidate();
}

void MapCanvas::zoomStep(QPointF anchor, double factor)
{
    m_proj.zoomAt(anchor, factor);
    m_fitted = true;
    invalidate();
}

void MapCanvas::panStep(QPointF deltaPx)
{
    // Only the centre moves: while a drag lasts, the cached layer is shifted until the drag
    // ends or pauses (clusters and hover are recomputed then).
    m_proj.panBy(deltaPx);
    m_fitted = true;
    if (!m_nav.dragging()) {
        invalidate();
        return;
    }
    m_clustersValid = false;
    m_hovered = -1;
    m_panShift = true;
    m_panIdle.start();
    update();
    Q_EMIT viewChanged();
}

void MapCanvas::mousePressEvent(QMouseEvent *event)
{
    if (!m_nav.press(event))
        return QWidget::mousePressEvent(event);
    event->accept();
}

void MapCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_nav.move(event))
        return;
    const QPointF pos = event->position();
    const int h = clusterAt(pos);
    if (h != m_hovered) {
        m_hovered = h;
        update();
    }
    setCursor(h >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void MapCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    const bool wasPressed = m_nav.pressed();
    const bool dragged = m_nav.release(event);
    endPan();
    if (!wasPressed || dragged || event->button() != Qt::LeftButton)
        return;
    const int c = clusterAt(event->position());
    if (c < 0)
        return;
    const MapCluster &cl = clusters()[size_t(c)];
    if (cl.ips > kMaxSelect) { // too many to filter by: bring them closer instead
        zoomStep(cl.pos, 3.0);
        return;
    }
    QStringList ips;
    for (int m : cl.members)
        ips << m_data->locations[size_t(m)].ips;
    Q_EMIT ipsClicked(ips);
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    zoomStep(event->position(), 2.0);
}

void MapCanvas::wheelEvent(QWheelEvent *event)
{
    if (!m_nav.wheel(event))
        return event->ignore();
    event->accept();
}

void MapCanvas::keyPressEvent(QKeyEvent *event)
{
    if (!m_nav.key(event))
        QWidget::keyPressEvent(event);
}

void MapCanvas::leaveEvent(QEvent *event)
{
    m_hovered = -1;
    update();
    QWidget::leaveEvent(event);
}

bool MapCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int c = clusterAt(help->pos());
        QString tip = c >= 0 ? tipFor(c) : arcTipAt(help->pos());
        if (tip.isEmpty()
            && MapRenderer::legendRect(m_proj, clusters(), font()).contains(help->pos()))
            tip = tr("Each point is a location of the current enrichment (ip_info). Size: "
                     "events from its addresses (log scale). Colour: the worst severity of a "
                     "finding naming one of them. A number: a cluster of that many addresses "
                     "(zoom in to separate). A hollow square: where flows went (destination.ip), "
                     "apart from where events came from. Dashed arrows: impossible-travel "
                     "findings. Hover a point for its accuracy radius.");
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), ui::plainToolTip(tip), this);
        return true;
    }
    return QWidget::event(event);
}

QString MapCanvas::tipFor(int c) const
{
    const MapCluster &cl = m_clusters[size_t(c)];
    const QLocale loc;
    QString tip;
    if (cl.members.size() == 1) {
        const MapLocation &l = m_data->locations[size_t(cl.members.front())];
        tip = tr("%1 (%2, %3)")
                      .arg(l.place.isEmpty() ? tr("Location") : l.place)
                      .arg(l.lat, 0, 'f', 3)
                      .arg(l.lon, 0, 'f', 3);
        tip += tr("\nAddresses: %1%2")
                       .arg(l.ips.mid(0, 6).join(QStringLiteral(", ")),
                            l.ips.size() > 6 ? tr(" and %1 more").arg(l.ips.size() - 6)
                                             : QString());
        tip += l.accuracyKm > 0
                       ? tr("\nAccuracy radius: %1 km (the dashed circle: the address is likely "
                            "somewhere inside it, not at the point)")
                                 .arg(loc.toString(l.accuracyKm))
                       : tr("\nAccuracy radius: not stated by the database");
    } else {
        tip = tr("Cluster of %1 locations (%2 addresses); zoom in or click to select them")
                      .arg(cl.members.size())
                      .arg(loc.toString(qlonglong(cl.ips)));
        if (cl.ips > kMaxSelect)
            tip = tr("Cluster of %1 locations (%2 addresses); click to zoom in")
                          .arg(cl.members.size())
                          .arg(loc.toString(qlonglong(cl.ips)));
    }
    tip += cl.destination
                   ? tr("\nDestination of %1 events (destination.ip; hollow square)")
                             .arg(loc.toString(qlonglong(cl.events)))
                   : tr("\nEvents: %1 (marker size)").arg(loc.toString(qlonglong(cl.events)));
    tip += tr("\nWorst finding: %1 (marker colour)")
                   .arg(cl.severity < 0 ? tr("none")
                                        : QString::number(cl.severity) + QStringLiteral(" — ")
                                                  + MapRenderer::severityName(cl.severity));
    return tip;
}

QString MapCanvas::arcTipAt(QPointF pos) const
{
    if (!m_data)
        return {};
    const QLocale loc;
    for (const TravelArc &a : m_data->arcs) {
        const QPointF from = m_proj.toScreen(a.fromLon, a.fromLat);
        const QPointF to = m_proj.toScreen(a.toLon, a.toLat);
        const QPointF d = to - from;
        const QPointF apex = (from + to) / 2 + QPointF(-d.y() * 0.1, d.x() * 0.1);
        if (std::hypot(apex.x() - pos.x(), apex.y() - pos.y()) > fontMetrics().height())
            continue;
        const double hours = double(std::abs(a.toUs - a.fromUs)) / 3.6e9;
        return tr("Impossible travel (finding #%1, severity %2): %3\n%4 km in %5 h%6")
                .arg(a.findingId)
                .arg(a.severity)
                .arg(a.title)
                .arg(loc.toString(qlonglong(std::llround(a.distanceKm))))
                .arg(hours, 0, 'f', 2)
                .arg(a.speedKmh >= 0
                             ? tr(" = %1 km/h")
                                       .arg(loc.toString(qlonglong(std::llround(a.speedKmh))))
                             : QString());
    }
    return {};
}

} // namespace netcase
