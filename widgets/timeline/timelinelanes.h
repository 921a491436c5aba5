#pragma once

// The timeline's finding lanes, drawn under the chart on the chart's time axis (as the report's
// timeline does): one lane per finding, a bar over the time it covers coloured by severity,
// "#id" in the left margin and its kind and title beside the bar. A click selects the finding;
// hovering tells what it is. Paints only; TimelineView decides which findings (findinglanes.h).

#include "items/timelinesummary.h"

#include <QWidget>

#include <vector>

namespace netcase {

class TimelineChartView;

class TimelineLanes : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineLanes(const TimelineChartView &chart, QWidget *parent = nullptr);

    void setLanes(std::vector<FindingBand> lanes, std::int64_t selectedId);
    const std::vector<FindingBand> &lanes() const { return m_lanes; }
    int laneHeight() const;
    /// The lane's rectangle and its bar's, in this widget's coordinates.
    QRectF laneRect(int lane) const;
    QRectF barRect(int lane) const;
    int laneAt(QPointF pos) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void findingClicked(std::int64_t findingId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    /// The chart's plot left and right edges in this widget's x.
    std::pair<double, double> plotSpan() const;
    double xOf(std::int64_t us) const;

    const TimelineChartView &m_chart;
    std::vector<FindingBand> m_lanes;
    std::int64_t m_selected = 0;
};

} // namespace netcase
