#include "timelinechartview.h"

#include "common/safetext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/timelinemodel.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QScopedValueRollback>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace netcase {

namespace {

constexpr std::int64_t kMin = TimelineSummary::kMinuteUs;
constexpr double kSteps[] = {1, 2, 5};

QColor outcomeColor(int slot, bool dark)
{
    switch (slot) {
    case 0: // success
        return dark ? QColor(0x4c, 0xc3, 0x8a) : QColor(0x2e, 0x8b, 0x57);
    case 1: // failure
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc8, 0x3a, 0x3a);
    default: // other / unknown
        return dark ? QColor(0x9a, 0xa4, 0xb2) : QColor(0x8a, 0x94, 0xa6);
    }
}

} // namespace

TimelineChartView::TimelineChartView(const TimelineModel &model, QWidget *parent)
    : QChartView(parent)
    , m_model(model)
    , m_axisX(new QCategoryAxis)
    , m_axisY(new QValueAxis)
{
    setObjectName(QStringLiteral("timelineChart"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setRenderHint(QPainter::Antialiasing, false); // crisp bucket edges
    auto *c = new QChart;
    // Room under the plot for the time labels drawForeground writes.
    c->setMargins(QMargins(4, 4, 8, 8 + fontMetrics().height()));
    c->legend()->setAlignment(Qt::AlignTop);
    c->addAxis(m_axisX, Qt::AlignBottom);
    c->addAxis(m_axisY, Qt::AlignLeft);
    m_axisX->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_axisX->setLabelsVisible(false); // drawn by drawForeground, whole
    m_axisX->setTitleVisible(false);  // the caption above names the bucket size
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    m_axisY->setTitleText(tr("events"));
    const char *names[]
            = {QT_TR_NOOP("success"), QT_TR_NOOP("failure"), QT_TR_NOOP("other / unknown")};
    for (auto &l : m_lines)
        l = new QLineSeries(this);
    for (int i = 0; i < 3; ++i) {
        m_areas[i] = new QAreaSeries(m_lines[i + 1], m_lines[i]);
        m_areas[i]->setName(tr(names[i]));
        c->addSeries(m_areas[i]);
        m_areas[i]->attachAxis(m_axisX);
        m_areas[i]->attachAxis(m_axisY);
    }
    setChart(c);
    // The ticks depend on the plot's width: a resize or a legend moving changes it.
    connect(c, &QChart::plotAreaChanged, this, [this](const QRectF &plot) {
        // Only a new size, and from the event loop: updateAxis itself may lay the chart out.
        if (plot.size() == m_axisPlot || m_axisQueued)
            return;
        m_axisQueued = true;
        QMetaObject::invokeMethod(
                this,
                [this] {
                    m_axisQueued = false;
                    updateAxis();
                    viewport()->update();
                },
                Qt::QueuedConnection);
    });
    setToolTip(tr("Events per time bucket, stacked by event.outcome: success (bottom), failure, "
                  "other/unknown (top). The highlighted band is the selected time range; findings "
                  "are the lanes below the chart.\nDrag: select a range · click: "
                  "select a bucket · wheel or +/-: zoom · Shift+drag, middle drag or "
                  "Left/Right: pan · Home: whole case · Esc: clear the range."));
    applyPalette();
}

void TimelineChartView::applyPalette()
{
    const QPalette pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    QChart *c = chart();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundRoundness(0);
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_axisX), static_cast<QAbstractAxis *>(m_axisY)}) {
        axis->setLabelsBrush(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
        axis->setLinePenColor(pal.color(QPalette::Mid));
        axis->setGridLineColor(dark ? pal.color(QPalette::Mid).darker(130)
                                    : pal.color(QPalette::Midlight));
    }
    for (int i = 0; i < 3; ++i) {
        const QColor col = outcomeColor(i, dark);
        m_areas[i]->setBrush(col);
        m_areas[i]->setPen(QPen(col.darker(dark ? 90 : 120), 0));
    }
}

void TimelineChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void TimelineChartView::refresh()
{
    const auto &buckets = m_model.buckets();
    QList<QPointF> pts[4];
    std::int64_t maxTotal = 0;
    for (const TimelineBucket &b : buckets) {
        const double x0 = double(b.startUs) / 1000.0;
        const double x1 = double(b.startUs + m_model.bucketUs()) / 1000.0;
        const double levels[4]
                = {0, double(b.success), double(b.success + b.failure), double(b.total())};
        for (int i = 0; i < 4; ++i) { // a step shape: flat across each bucket
            pts[i] << QPointF(x0, levels[i]) << QPointF(x1, levels[i]);
        }
        maxTotal = std::max(maxTotal, b.total());
    }
    for (int i = 0; i < 4; ++i)
        m_lines[i]->replace(pts[i]);
    m_maxTotal = maxTotal;
    updateAxis();
    viewport()->update();
}

void TimelineChartView::updateAxis()
{
    if (m_inUpdateAxis)
        return;
    m_axisPlot = chart()->plotArea().size();
    const QScopedValueRollback guard(m_inUpdateAxis, true);
    // As many count labels as the plot's height holds apart (a short dock gets 0 and the top),
    // so they are never squeezed into "…": a round step (1, 2 or 5 times a power of ten) that
    // needs at most that many. Set only when it changes: the chart lays out again on a change.
    // The count is kept until the height changes by more than a line: the labels' own size
    // must not make it flip back and forth.
    const double plotH = plotRect().height();
    if (m_yFit == 0 || std::abs(plotH - m_yFitHeight) > fontMetrics().height()) {
        m_yFit = std::clamp(int(plotH / (fontMetrics().height() * 1.4)) + 1, 2, 6);
        m_yFitHeight = plotH;
    }
    const int fit = m_yFit;
    const double top = std::max(1.0, double(m_maxTotal) * 1.08);
    double yStep = 0;
    for (double base = 1; yStep == 0; base *= 10) {
        for (double k : kSteps) {
            if (yStep == 0 && std::ceil(top / (base * k)) + 1 <= fit)
                yStep = base * k;
        }
    }
    const int ticks = int(std::ceil(top / yStep)) + 1;
    if (m_axisY->max() != yStep * (ticks - 1) || m_axisY->min() != 0)
        m_axisY->setRange(0, yStep * (ticks - 1));
    if (m_axisY->tickCount() != ticks)
        m_axisY->setTickCount(ticks);
    const std::int64_t from = m_model.fromUs(), to = m_model.toUs();
    for (const QString &label : m_axisX->categoriesLabels())
        m_axisX->remove(label);
    m_axisX->setRange(double(from) / 1000.0, double(to) / 1000.0);
    m_axisX->setStartValue(double(from) / 1000.0);
    const int maxTicks = std::max(
            2, int(plotRect().width()
                   / (fontMetrics().horizontalAdvance(QStringLiteral("00-00 00:00")) * 1.8)));
    auto stepFor = [&](int wanted) {
        std::int64_t s = TimelineSummary::chooseBucketUs(to - from, wanted);
        // Spans of years go beyond the largest bucket (30 days): take whole multiples of it.
        if (const std::int64_t ticks = (to - from) / s; ticks > wanted)
            s *= (ticks + wanted - 1) / wanted;
        return s;
    };
    auto tickCount = [&](std::int64_t s) {
        std::int64_t n = 0;
        for (std::int64_t t = floorDiv(from, s) * s + s; t < to - s / 4; t += s)
            ++n;
        return n;
    };
    // A nice step can leave the view without a tick (3 days at a weekly step): ask for finer
    // ones until two ticks fall in it; axisLabels() drops any label that would touch another.
    std::int64_t step = stepFor(maxTicks);
    for (int wanted = maxTicks * 2; tickCount(step) < 2 && wanted <= maxTicks * 16; wanted *= 2)
        step = stepFor(wanted);
    // No tick in the last quarter step: its label, centred on it, would be cut at the edge.
    m_ticks.clear();
    for (std::int64_t t = floorDiv(from, step) * step + step; t < to - step / 4; t += step) {
        m_axisX->append(shownAxisLabel(t, step), double(t) / 1000.0);
        m_ticks.emplace_back(t, shownAxisLabel(t, step));
    }
}

std::vector<TimelineChartView::AxisLabel> TimelineChartView::axisLabels() const
{
    std::vector<AxisLabel> out;
    const QRectF r = plotRect();
    const QFontMetricsF fm(font());
    const double gap = fm.horizontalAdvance(QStringLiteral("  "));
    const double right = double(viewport()->width());
    double lastRight = -1e9;
    for (const auto &[t, text] : m_ticks) {
        const double w = fm.horizontalAdvance(text);
        double x = xOf(t) - w / 2;
        x = std::clamp(x, 0.0, std::max(0.0, right - w));
        if (x < lastRight + gap || x + w > right)
            continue; // would touch its neighbour or not fit: left out, never shortened
        out.push_back({text, QRectF(x, r.bottom() + 3, w, fm.height())});
        lastRight = x + w;
    }
    return out;
}

void TimelineChartView::resizeEvent(QResizeEvent *event)
{
    fitToHeight();
    QChartView::resizeEvent(event);
}

void TimelineChartView::fitToHeight()
{
    const bool compact = height() < 20 * fontMetrics().height();
    chart()->legend()->setAlignment(compact ? Qt::AlignRight : Qt::AlignTop);
    m_axisY->setTitleVisible(!compact);
}

QRectF TimelineChartView::plotRect() const
{
    return chart()->mapToScene(chart()->plotArea()).boundingRect();
}

double TimelineChartView::xOf(std::int64_t us) const
{
    const QRectF r = plotRect();
    const double span = double(m_model.toUs() - m_model.fromUs());
    return r.left() + r.width() * double(us - m_model.fromUs()) / std::max(span, 1.0);
}

std::int64_t TimelineChartView::timeAt(double x) const
{
    const QRectF r = plotRect();
    const double f = (x - r.left()) / std::max(r.width(), 1.0);
    return m_model.fromUs()
           + std::int64_t(std::llround(f * double(m_model.toUs() - m_model.fromUs())));
}

void TimelineChartView::setSelectedRange(std::optional<std::int64_t> fromUs,
                                         std::optional<std::int64_t> toUs)
{
    m_selFrom = fromUs;
    m_selTo = toUs;
    viewport()->update();
}

bool TimelineChartView::event(QEvent *event)
{
    // Escape belongs to the chart while it has focus: it clears the time range only, as the
    // tooltip says, instead of the window's "clear selection" (which drops the entities too).
    if (event->type() == QEvent::ShortcutOverride
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        event->accept();
        return true;
    }
    return QChartView::event(event);
}

void TimelineChartView::mousePressEvent(QMouseEvent *event)
{
    const double x = event->position().x();
    if (event->button() == Qt::MiddleButton
        || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier))) {
        m_drag = Drag::Pan;
    } else if (event->button() == Qt::LeftButton) {
        m_drag = Drag::Select;
    } else {
        QChartView::mousePressEvent(event);
        return;
    }
    const QRectF r = plotRect();
    m_dragStartX = m_dragX = std::clamp(x, r.left(), r.right());
    event->accept();
}

void TimelineChartView::mouseMoveEvent(QMouseEvent *event)
{
    const double x = event->position().x();
    const QRectF r = plotRect();
    if (m_drag == Drag::Select) {
        m_dragX = std::clamp(x, r.left(), r.right());
        viewport()->update();
    } else if (m_drag == Drag::Pan) {
        const std::int64_t delta = timeAt(m_dragX) - timeAt(x);
        m_dragX = x;
        if (delta != 0)
            Q_EMIT panRequested(delta);
    } else {
        showHoverTip(event->position().toPoint(), event->globalPosition().toPoint());
    }
    event->accept();
}

void TimelineChartView::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = std::exchange(m_drag, Drag::None);
    if (drag != Drag::Select) {
        event->accept();
        return;
    }
    const double a = std::min(m_dragStartX, m_dragX), b = std::max(m_dragStartX, m_dragX);
    viewport()->update();
    if (b - a >= 4) {
        // Whole minutes: the summary's resolution and what the event filter can honour exactly.
        const std::int64_t from = floorDiv(timeAt(a), kMin) * kMin;
        const std::int64_t to = std::max(from + kMin, floorDiv(timeAt(b) + kMin - 1, kMin) * kMin);
        Q_EMIT rangeSelected(from, to);
    } else if (plotRect().contains(event->position())) {
        const std::int64_t bucket = m_model.bucketUs();
        const std::int64_t from = floorDiv(timeAt(a), bucket) * bucket;
        Q_EMIT rangeSelected(from, from + bucket);
    }
    event->accept();
}

void TimelineChartView::wheelEvent(QWheelEvent *event)
{
    const int dy = event->angleDelta().y();
    if (dy == 0) {
        event->ignore();
        return;
    }
    const double factor = std::pow(0.8, double(dy) / 120.0);
    Q_EMIT zoomRequested(factor, timeAt(event->position().x()));
    event->accept();
}

void TimelineChartView::keyPressEvent(QKeyEvent *event)
{
    const std::int64_t span = m_model.toUs() - m_model.fromUs();
    const std::int64_t centre = m_model.fromUs() + span / 2;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        Q_EMIT zoomRequested(0.7, centre);
        break;
    case Qt::Key_Minus:
        Q_EMIT zoomRequested(1.0 / 0.7, centre);
        break;
    case Qt::Key_Left:
        Q_EMIT panRequested(-span / 5);
        break;
    case Qt::Key_Right:
        Q_EMIT panRequested(span / 5);
        break;
    case Qt::Key_Home:
        Q_EMIT fitRequested();
        break;
    case Qt::Key_Escape:
        Q_EMIT selectionCleared();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineChartView::showHoverTip(const QPoint &pos, const QPoint &globalPos)
{
    const QRectF r = plotRect();
    if (!r.contains(pos)) {
        QToolTip::hideText();
        return;
    }
    const std::int64_t t = timeAt(pos.x());
    const std::int64_t bucketUs = m_model.bucketUs();
    const QLocale loc;
    QString tip;
    for (const TimelineBucket &b : m_model.buckets()) {
        if (t >= b.startUs && t < b.startUs + bucketUs) {
            tip = tr("%1 – %2 %7 (%3 bucket)\n%4 success · %5 failure · %6 other")
                          .arg(shownAxisLabel(b.startUs, kMin),
                               shownAxisLabel(b.startUs + bucketUs, kMin),
                               TimelineSummary::bucketName(bucketUs),
                               loc.toString(qlonglong(b.success)),
                               loc.toString(qlonglong(b.failure)), loc.toString(qlonglong(b.other)))
                          .arg(ShownZone::name());
            break;
        }
    }
    if (!tip.isEmpty())
        QToolTip::showText(globalPos, ui::plainToolTip(tip), this);
}

void TimelineChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF r = plotRect();
    painter->save();
    painter->setClipRect(r);
    auto drawRange = [&](double a, double b) {
        QColor hl = palette().color(QPalette::Highlight);
        QColor fill = hl;
        fill.setAlpha(60);
        painter->fillRect(QRectF(a, r.top(), b - a, r.height()), fill);
        painter->setPen(QPen(hl, 1.5));
        painter->drawLine(QPointF(a, r.top()), QPointF(a, r.bottom()));
        painter->drawLine(QPointF(b, r.top()), QPointF(b, r.bottom()));
    };
    if (m_drag == Drag::Select)
        drawRange(std::min(m_dragStartX, m_dragX), std::max(m_dragStartX, m_dragX));
    else if (m_selFrom || m_selTo)
        drawRange(m_selFrom ? xOf(*m_selFrom) : r.left() - 2,
                  m_selTo ? xOf(*m_selTo) : r.right() + 2);
    painter->setClipping(false);
    painter->setPen(palette().color(QPalette::Text));
    painter->setFont(font());
    for (const AxisLabel &label : axisLabels())
        painter->drawText(label.rect, Qt::AlignCenter, label.text);
    painter->restore();
}

} // namespace netcase
