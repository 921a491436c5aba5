#include "mapview.h"

#include "case/casesession.h"
#include "common/safetext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/mapdata.h"
#include "items/maplocationmodel.h"
#include "items/selectionhub.h"
#include "map/mapcanvas.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace netcase {

MapView::MapView(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(new MapLocationModel(this))
    , m_canvas(new MapCanvas(this))
    , m_caption(ui::plainLabel(this))
{
    setObjectName(QStringLiteral("MapView"));
    m_caption->setObjectName(QStringLiteral("mapCaption"));
    m_caption->setWordWrap(true);
    m_caption->setContentsMargins(6, 3, 6, 3);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_canvas->setToolTip(QString()); // tooltips come from MapCanvas::event
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_caption);
    layout->addWidget(m_canvas, 1);
    setFocusProxy(m_canvas);

    connect(m_canvas, &MapCanvas::ipsClicked, this, [this](const QStringList &ips) {
        m_fromCanvas = true; // what was clicked is in view: no zoom
        m_hub.selectIps(ips);
        m_fromCanvas = false;
    });
    connect(&m_hub, &SelectionHub::selectionChanged, this, &MapView::followSelection);
    connect(&m_hub, &SelectionHub::filterChanged, this, &MapView::followSelection);
    updateCaption();
}

MapView::~MapView() = default;

void MapView::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &CaseSession::changed, this, &MapView::reload);
    reload();
}

namespace {

/// What the map's counts follow: the accounts and the time range of the hub's filter.
EventFilter countsFilter(const SelectionHub &hub)
{
    const EventFilter f = hub.filter();
    EventFilter out;
    out.users = f.users;
    out.fromUs = f.fromUs;
    out.toUs = f.toUs;
    out.eventIds = f.eventIds; // a finding: where its evidence came from
    return out;
}

bool sameCounts(const EventFilter &a, const EventFilter &b)
{
    return a.users == b.users && a.fromUs == b.fromUs && a.toUs == b.toUs
           && a.eventIds == b.eventIds;
}

} // namespace

void MapView::followSelection()
{
    const Selection &s = m_hub.selection();
    m_canvas->setSelectedIps(s.ips);
    const bool zoom = !m_fromCanvas && !s.ips.isEmpty();
    if (m_session && !sameCounts(countsFilter(m_hub), m_filter)) {
        m_zoomPending = m_zoomPending || zoom;
        reload();
        return;
    }
    if (zoom && !isLoading())
        m_canvas->zoomToIps(s.ips);
    else if (zoom)
        m_zoomPending = true;
    updateCaption();
}

void MapView::reload()
{
    m_load.cancel();
    m_filter = countsFilter(m_hub);
    if (!m_session) {
        m_model->setMapData(nullptr);
        m_canvas->setData(nullptr);
        updateCaption();
        return;
    }
    const EventFilter filter = m_filter;
    const Status started = m_load.start(
            *m_session, [filter](const Database &db, const std::atomic<bool> &cancel) {
                return std::shared_ptr<const MapData>(
                        std::make_shared<MapData>(MapData::load(db, filter, &cancel)));
            });
    if (!started.ok()) {
        ui::setPlainText(m_caption,
                         tr("The map cannot read the case: %1").arg(started.error().message));
        return;
    }
    updateCaption();
}

void MapView::onLoaded(const std::shared_ptr<const MapData> &data)
{
    m_model->setMapData(data);
    m_canvas->setData(data);
    m_canvas->setSelectedIps(m_hub.selection().ips);
    if (std::exchange(m_zoomPending, false))
        m_canvas->zoomToIps(m_hub.selection().ips);
    updateCaption();
    Q_EMIT loaded();
}

QString MapView::caption() const
{
    return m_caption->text();
}

void MapView::updateCaption()
{
    if (!m_session) {
        ui::setPlainText(m_caption, tr("No case open."));
        return;
    }
    if (isLoading()) {
        ui::setPlainText(m_caption, tr("Reading locations…"));
        return;
    }
    const MapData *d = m_model->mapData();
    if (!d)
        return;
    const QLocale loc;
    QString text;
    if (d->ipsWithEvents == 0) {
        text = tr("No source addresses in this case.");
    } else if (d->locations.empty()) {
        text = tr("None of the %1 source addresses has a location: run enrichment with a "
                  "geolocation database (netcase enrich).")
                       .arg(loc.toString(qlonglong(d->ipsWithEvents)));
    } else {
        text = tr("%1 locations for %2 source addresses.")
                       .arg(loc.toString(qlonglong(d->locations.size())),
                            loc.toString(qlonglong(d->ipsWithEvents - d->ipsWithoutLocation)));
        if (d->ipsWithoutLocation > 0) {
            text += QLatin1Char(' ')
                    + tr("%1 of %2 IPs have no location")
                              .arg(loc.toString(qlonglong(d->ipsWithoutLocation)),
                                   loc.toString(qlonglong(d->ipsWithEvents)));
            if (d->privateIps > 0)
                text += tr(" (%1 private or reserved)").arg(loc.toString(qlonglong(d->privateIps)));
            text += tr(" and are not drawn.");
        }
    }
    if (!d->arcs.empty())
        text += tr(" %n impossible-travel finding(s) drawn as arrows.", nullptr,
                   int(d->arcs.size()));
    if (d->arcsWithoutCoordinates > 0)
        text += tr(" %n impossible-travel finding(s) lack coordinates and are not drawn.", nullptr,
                   int(d->arcsWithoutCoordinates));
    if (d->destinationIps > 0)
        text += tr(" %n destination address(es) (destination.ip) drawn as hollow squares.", nullptr,
                   int(d->destinationIps));
    if (m_filter.isEmpty()) {
        text += tr(" Counts cover the whole case");
    } else {
        QStringList what;
        if (!m_filter.eventIds.empty())
            what << tr("the selected finding's %n evidence event(s)", nullptr,
                       int(m_filter.eventIds.size()));
        if (!m_filter.users.isEmpty())
            what << tr("events of %1")
                            .arg(m_filter.users.mid(0, 3).join(QStringLiteral(", "))
                                 + (m_filter.users.size() > 3 ? tr(", …") : QString()));
        if (m_filter.fromUs || m_filter.toUs)
            what << tr("%1 – %2 %3")
                            .arg(m_filter.fromUs ? shownMinute(*m_filter.fromUs) : tr("start"),
                                 m_filter.toUs ? shownMinute(*m_filter.toUs) : tr("end"),
                                 ShownZone::name());
        text += tr(" Counts: only %1").arg(what.join(QStringLiteral(", ")));
    }
    text += tr("; points mark database locations, not devices.");
    ui::setPlainText(m_caption, text);
}

} // namespace netcase
