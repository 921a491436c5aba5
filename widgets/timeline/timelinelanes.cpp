#include "timelinelanes.h"

#include "common/safetext.h"
#include "core/severity.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "render/maprenderer.h"
#include "timeline/timelinechartview.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace netcase {

TimelineLanes::TimelineLanes(const TimelineChartView &chart, QWidget *parent)
    : QWidget(parent)
    , m_chart(chart)
{
    setObjectName(QStringLiteral("timelineLanes"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setMouseTracking(true);
}

void TimelineLanes::setLanes(std::vector<FindingBand> lanes, std::int64_t selectedId)
{
    const bool resized = lanes.size() != m_lanes.size();
    m_lanes = std::move(lanes);
    m_selected = selectedId;
    setVisible(!m_lanes.empty());
    if (resized)
        updateGeometry();
    update();
}

int TimelineLanes::laneHeight() const
{
    return fontMetrics().height() + 4;
}

QSize TimelineLanes::sizeHint() const
{
    return {200, int(m_lanes.size()) * laneHeight() + 4};
}

QSize TimelineLanes::minimumSizeHint() const
{
    return sizeHint();
}

std::pair<double, double> TimelineLanes::plotSpan() const
{
    // The chart's plot rectangle is in its viewport's coordinates; map both edges here.
    const QRectF plot = m_chart.plotRect();
    const QWidget *vp = m_chart.viewport();
    const QWidget *common = parentWidget();
    if (!common)
        return {plot.left(), plot.right()};
    const double shift = double(mapFrom(common, vp->mapTo(common, QPoint(0, 0))).x());
    return {plot.left() + shift, plot.right() + shift};
}

double TimelineLanes::xOf(std::int64_t us) const
{
    const auto [left, right] = plotSpan();
    return std::clamp(m_chart.xOf(us) - m_chart.plotRect().left() + left, left - 1, right + 1);
}

QRectF TimelineLanes::laneRect(int lane) const
{
    return {0, 2.0 + lane * laneHeight(), double(width()), double(laneHeight())};
}

QRectF TimelineLanes::barRect(int lane) const
{
    const FindingBand &b = m_lanes[std::size_t(lane)];
    const QRectF r = laneRect(lane);
    const double x0 = xOf(b.firstUs);
    const double x1 = std::max(xOf(b.lastUs), x0 + 3);
    return {x0, r.top() + 3, x1 - x0, r.height() - 6};
}

int TimelineLanes::laneAt(QPointF pos) const
{
    for (int i = 0; i < int(m_lanes.size()); ++i)
        if (laneRect(i).contains(pos))
            return i;
    return -1;
}

void TimelineLanes::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const auto [left, right] = plotSpan();
    const QFontMetrics fm = fontMetrics();
    for (int i = 0; i < int(m_lanes.size()); ++i) {
        const FindingBand &b = m_lanes[std::size_t(i)];
        const QRectF lane = laneRect(i);
        const bool selected = b.id == m_selected;
        if (selected)
            p.fillRect(lane, pal.color(QPalette::Highlight).lighter(170));
        else if (i % 2)
            p.fillRect(lane, pal.color(QPalette::AlternateBase));
        QFont f = font();
        f.setBold(selected);
        p.setFont(f);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(0, lane.top(), std::max(0.0, left - 6), lane.height()),
                   Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("#%1").arg(b.id));
        const QRectF bar = barRect(i);
        p.fillRect(bar, MapRenderer::severityColor(b.severity, pal));
        // Kind and title beside the bar, on whichever side has more room.
        const QString text
                = displaySafe(QStringLiteral("%1 · %2").arg(b.kind, b.title), LineBreaks::Show);
        const double roomRight = right - bar.right() - 6;
        const double roomLeft = bar.left() - left - 6;
        const bool onRight = roomRight >= roomLeft;
        const double room = std::max(roomRight, roomLeft);
        if (room < fm.horizontalAdvance(QStringLiteral("#0000")))
            continue;
        const QString shown = fm.elidedText(text, Qt::ElideRight, int(room));
        const QRectF where = onRight ? QRectF(bar.right() + 4, lane.top(), room, lane.height())
                                     : QRectF(left + 2, lane.top(), room, lane.height());
        p.drawText(where, Qt::AlignVCenter | (onRight ? Qt::AlignLeft : Qt::AlignRight), shown);
    }
}

void TimelineLanes::mouseReleaseEvent(QMouseEvent *event)
{
    const int lane = laneAt(event->position());
    if (event->button() == Qt::LeftButton && lane >= 0) {
        Q_EMIT findingClicked(m_lanes[std::size_t(lane)].id);
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

bool TimelineLanes::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int lane = laneAt(help->pos());
        if (lane < 0) {
            QToolTip::hideText();
            return true;
        }
        const FindingBand &b = m_lanes[std::size_t(lane)];
        QToolTip::showText(
                help->globalPos(),
                ui::plainToolTip(tr("Finding #%1 (%2, severity %3 %4): %5\n%6 – %7 %8\n"
                                    "Click to select it.")
                                         .arg(b.id)
                                         .arg(b.kind)
                                         .arg(b.severity)
                                         .arg(severityWord(b.severity), b.title,
                                              shownMinute(b.firstUs), shownMinute(b.lastUs))
                                         .arg(ShownZone::name())),
                this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace netcase
