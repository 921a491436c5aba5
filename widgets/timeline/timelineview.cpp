#include "timelineview.h"

#include "analysis/findingstore.h"
#include "case/casesession.h"
#include "common/safetext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/findinglanes.h"
#include "items/selectionhub.h"
#include "items/timelinemodel.h"
#include "timeline/timelinechartview.h"
#include "timeline/timelinelanes.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace netcase {

namespace {

constexpr std::int64_t kMin = TimelineSummary::kMinuteUs;
// A view spans ten minutes to ten years: finer than the summary's minutes would show empty
// buckets, wider would make buckets of more than a month.
constexpr std::int64_t kMinSpan = 10 * kMin;
constexpr std::int64_t kMaxSpan = 3660LL * 1440 * kMin;
constexpr int kMaxLanes = 12;

// The part of the hub's filter the timeline applies: who, not when.
EventFilter entityFilter(const SelectionHub &hub)
{
    const EventFilter f = hub.filter();
    EventFilter e;
    e.ips = f.ips;
    e.users = f.users;
    e.eventIds = f.eventIds;
    return e;
}

bool sameFilter(const EventFilter &a, const EventFilter &b)
{
    return a.ips == b.ips && a.users == b.users && a.eventIds == b.eventIds;
}

} // namespace

TimelineView::TimelineView(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(new TimelineModel(this))
    , m_chart(new TimelineChartView(*m_model, this))
    , m_lanes(new TimelineLanes(*m_chart, this))
    , m_caption(ui::plainLabel(this))
{
    setObjectName(QStringLiteral("TimelineView"));
    m_caption->setObjectName(QStringLiteral("timelineCaption"));
    m_caption->setWordWrap(true);
    m_caption->setContentsMargins(6, 3, 6, 3);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_caption);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_lanes);
    m_lanes->hide();
    setFocusProxy(m_chart);
    connect(m_lanes, &TimelineLanes::findingClicked, this, &TimelineView::selectFindingOfLane);

    connect(&m_hub, &SelectionHub::filterChanged, this, &TimelineView::followSelection);
    connect(&m_hub, &SelectionHub::selectionChanged, this, &TimelineView::followSelection);
    connect(m_chart, &TimelineChartView::rangeSelected, &m_hub, &SelectionHub::selectTimeRange);
    connect(m_chart, &TimelineChartView::selectionCleared, &m_hub, &SelectionHub::clearTimeRange);
    connect(m_chart, &TimelineChartView::fitRequested, this, &TimelineView::fitToData);
    connect(m_chart, &TimelineChartView::zoomRequested, this,
            [this](double factor, std::int64_t anchor) {
                const double from = double(m_model->fromUs()), to = double(m_model->toUs());
                setViewRange(std::int64_t(double(anchor) - (double(anchor) - from) * factor),
                             std::int64_t(double(anchor) + (to - double(anchor)) * factor));
            });
    connect(m_chart, &TimelineChartView::panRequested, this, [this](std::int64_t delta) {
        setViewRange(m_model->fromUs() + delta, m_model->toUs() + delta);
    });
    updateCaption();
}

TimelineView::~TimelineView() = default;

void TimelineView::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_haveRange = false;
    m_zoomedFinding = 0;
    if (session)
        connect(session, &CaseSession::changed, this, &TimelineView::reload);
    reload();
}

void TimelineView::reload()
{
    m_load.cancel();
    const EventFilter filter = entityFilter(m_hub);
    // Other entities than last time: their events may lie anywhere, so the next summary is
    // shown whole (or, for a finding, around its window) instead of in the old range.
    if (!sameFilter(filter, m_loadedFilter))
        m_refit = true;
    m_loadedFilter = filter;
    if (!m_session) {
        m_model->setSummary(nullptr);
        m_lanes->setLanes({}, 0);
        m_chart->refresh();
        updateCaption();
        return;
    }
    const Status started = m_load.start(*m_session, [filter](const Database &db,
                                                             const std::atomic<bool> &cancel) {
        return std::make_shared<TimelineSummary>(TimelineSummary::build(db, filter, &cancel));
    });
    if (!started.ok()) {
        ui::setPlainText(m_caption,
                         tr("The timeline cannot read the case: %1").arg(started.error().message));
        return;
    }
    updateCaption();
}

void TimelineView::onLoaded(const std::shared_ptr<TimelineSummary> &summary)
{
    m_model->setSummary(summary);
    // A new selection is shown whole, a selected finding around its window; a reload for the
    // same entities (new events imported) keeps the range the analyst chose, unless none of
    // what is now counted falls in it.
    const bool fit = !m_haveRange || std::exchange(m_refit, false)
                     || (summary && !summary->isEmpty() && m_model->shownTotal() == 0);
    if (fit && m_hub.selection().findingId != 0)
        m_zoomedFinding = 0; // zoomToFinding below brings its window into view
    else if (fit)
        fitToData();
    else
        setViewRange(m_model->fromUs(), m_model->toUs());
    followSelection();
    Q_EMIT loaded();
}

void TimelineView::fitToData()
{
    const TimelineSummary *s = m_model->summary();
    if (!s || s->isEmpty()) {
        m_chart->refresh();
        updateCaption();
        return;
    }
    const std::int64_t span = std::max(s->endUs() - s->firstUs(), kMinSpan);
    const std::int64_t pad = span / 40;
    const std::int64_t to = s->firstUs() + span + pad;
    // Data spanning more than the widest view: show its most recent part.
    const std::int64_t from = std::max(s->firstUs() - pad, to - kMaxSpan);
    m_haveRange = true;
    setViewRange(from, to);
}

void TimelineView::setViewRange(std::int64_t fromUs, std::int64_t toUs)
{
    std::int64_t span = std::clamp(toUs - fromUs, kMinSpan, kMaxSpan);
    if (toUs - fromUs != span) {
        const std::int64_t centre = fromUs + (toUs - fromUs) / 2;
        fromUs = centre - span / 2;
        toUs = fromUs + span;
    }
    m_haveRange = true;
    m_model->setRange(fromUs, toUs, maxBuckets());
    m_chart->refresh();
    reloadLanes();
    updateCaption();
}

int TimelineView::maxBuckets() const
{
    // About one bucket per 5 device-independent pixels of plot width.
    const double w = std::max(200.0, m_chart->plotRect().width());
    return std::max(20, int(w / 5));
}

int TimelineView::maxLanes() const
{
    const int laneH = m_lanes->laneHeight();
    return std::clamp(int(height() * 0.4) / std::max(1, laneH), 1, kMaxLanes);
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_haveRange)
        QMetaObject::invokeMethod(
                this, [this] { setViewRange(m_model->fromUs(), m_model->toUs()); },
                Qt::QueuedConnection);
}

void TimelineView::reloadLanes()
{
    if (!m_session) {
        m_lanes->setLanes({}, 0);
        m_lanesTotal = 0;
        return;
    }
    const Selection &sel = m_hub.selection();
    FindingLaneQuery q;
    q.fromUs = m_model->fromUs();
    q.toUs = m_model->toUs();
    q.ips = sel.ips;
    q.accounts = sel.accounts;
    q.hosts = sel.hosts;
    q.findingId = sel.findingId;
    q.limit = maxLanes();
    FindingLanes lanes = findingLanes(m_session->db(), q);
    m_lanesTotal = lanes.total;
    m_lanes->setLanes(std::move(lanes.lanes), sel.findingId);
}

void TimelineView::selectFindingOfLane(std::int64_t findingId)
{
    if (!m_session)
        return;
    const auto f = FindingStore::byId(m_session->db(), findingId);
    if (!f)
        return;
    m_hub.selectFinding(findingId, FindingStore::evidence(m_session->db(), findingId), f->ips,
                        f->accounts, f->evidenceCount);
}

void TimelineView::followSelection()
{
    const Selection &sel = m_hub.selection();
    m_chart->setSelectedRange(sel.fromUs, sel.toUs);
    if (m_session && !sameFilter(entityFilter(m_hub), m_loadedFilter)) {
        reload(); // zooms to a selected finding once its events are counted
        return;
    }
    zoomToFinding(sel.findingId);
    reloadLanes();
    updateCaption();
}

void TimelineView::zoomToFinding(std::int64_t findingId)
{
    // A finding newly selected opens on its time window, with half its span again on each side
    // for context; while it stays selected, the analyst's own zoom is left alone.
    if (findingId == m_zoomedFinding)
        return;
    m_zoomedFinding = findingId;
    if (!findingId || !m_session)
        return;
    const auto f = FindingStore::byId(m_session->db(), findingId);
    if (!f || f->lastTs < f->firstTs)
        return;
    const std::int64_t margin = std::max((f->lastTs - f->firstTs) / 2, kMinSpan / 2);
    setViewRange(f->firstTs - margin, f->lastTs + margin);
}

void TimelineView::updateCaption()
{
    if (!m_session) {
        ui::setPlainText(m_caption, tr("No case open."));
        return;
    }
    if (isLoading()) {
        ui::setPlainText(m_caption, tr("Counting events per minute…"));
        return;
    }
    const QLocale loc;
    const TimelineSummary *s = m_model->summary();
    QString who = tr("events");
    if (!m_loadedFilter.isEmpty())
        who = tr("events of %1").arg(m_hub.selection().summary());
    if (!s || s->isEmpty()) {
        ui::setPlainText(m_caption, tr("No %1 to show.").arg(who));
        return;
    }
    QString text = tr("%1 of %2 %3 in view, %4 – %5 %7, %6 buckets.")
                           .arg(loc.toString(qlonglong(m_model->shownTotal())),
                                loc.toString(qlonglong(s->total())), who,
                                shownMinute(m_model->fromUs()), shownMinute(m_model->toUs()),
                                TimelineSummary::bucketName(m_model->bucketUs()))
                           .arg(ShownZone::name());
    const Selection &sel = m_hub.selection();
    const auto shownLanes = qlonglong(m_lanes->lanes().size());
    const QString whose
            = sel.findingId || !sel.ips.isEmpty() || !sel.accounts.isEmpty() || !sel.hosts.isEmpty()
                      ? tr("findings of the selection")
                      : tr("findings");
    if (m_lanesTotal > shownLanes)
        text += tr(" Lanes: the %1 most severe of %2 %3 in view.")
                        .arg(loc.toString(shownLanes), loc.toString(qlonglong(m_lanesTotal)),
                             whose);
    else if (shownLanes > 0)
        text += tr(" Lanes: %1 %2 in view.").arg(loc.toString(shownLanes), whose);
    if (sel.fromUs && sel.toUs)
        text += tr(" Selected: %1 – %2.").arg(shownMinute(*sel.fromUs), shownMinute(*sel.toUs));
    ui::setPlainText(m_caption, text);
}

} // namespace netcase
