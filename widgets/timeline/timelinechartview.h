#pragma once

// The timeline's chart with its input: drag to select a time range, wheel to zoom around the
// cursor, Shift+drag or the middle button to pan, a click to select one bucket, and keys
// (+/- zoom, Left/Right pan, Home fit, Escape clears the time range, and only that: the window's
// "clear selection" shortcut does not take Escape from the chart). The selected range is drawn
// over the plot; findings are lanes below it (TimelineLanes). The time labels are drawn here,
// whole and apart (Qt's category axis would shorten them to "…"). Speaks in UTC microseconds;
// knows nothing of the hub.

#include "items/timelinesummary.h"

#include <QtCharts/QChartView>

#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QCategoryAxis;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace netcase {

class TimelineModel;

class TimelineChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TimelineChartView(const TimelineModel &model, QWidget *parent = nullptr);

    void setSelectedRange(std::optional<std::int64_t> fromUs, std::optional<std::int64_t> toUs);
    /// Re-reads the model's buckets into the series and axes.
    void refresh();
    /// Re-applies palette colours (light or dark).
    void applyPalette();

    /// Screen x of a time and back (plot coordinates in the viewport).
    double xOf(std::int64_t us) const;
    std::int64_t timeAt(double x) const;
    QRectF plotRect() const;
    /// A time label under the plot as drawn: its text in full and where (viewport coordinates).
    struct AxisLabel
    {
        QString text;
        QRectF rect;
    };
    /// The labels drawn for the current range and size: none cut, none overlapping.
    std::vector<AxisLabel> axisLabels() const;

Q_SIGNALS:
    void rangeSelected(std::int64_t fromUs, std::int64_t toUs);
    void selectionCleared();
    void zoomRequested(double factor, std::int64_t anchorUs);
    void panRequested(std::int64_t deltaUs);
    void fitRequested();

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    /// In a short dock the legend moves to the right and the axis titles go (the caption above
    /// the chart names the bucket size), so the time labels keep room to be read.
    void fitToHeight();
    void showHoverTip(const QPoint &pos, const QPoint &globalPos);
    void updateAxis();

    const TimelineModel &m_model;
    QLineSeries *m_lines[4] = {}; // boundaries: 0, success, +failure, +other
    QAreaSeries *m_areas[3] = {};
    QCategoryAxis *m_axisX;
    QValueAxis *m_axisY;
    std::int64_t m_maxTotal = 0; ///< the highest bucket's count
    QSizeF m_axisPlot;           ///< the plot size the axes were last fitted to
    bool m_axisQueued = false;
    bool m_inUpdateAxis = false;
    int m_yFit = 0;                                        ///< count labels the plot's height holds
    double m_yFitHeight = 0;                               ///< the height m_yFit was chosen for
    std::vector<std::pair<std::int64_t, QString>> m_ticks; ///< time and label of each tick
    std::optional<std::int64_t> m_selFrom, m_selTo;
    enum class Drag { None, Select, Pan } m_drag = Drag::None;
    double m_dragStartX = 0;
    double m_dragX = 0;
};

} // namespace netcase
