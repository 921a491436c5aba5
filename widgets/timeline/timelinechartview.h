#pragma once

// The timeline's chart with its input: drag to select a time range, wheel to zoom around the
// cursor, Shift+drag or the middle button to pan, a click to select one bucket, and keys
// (+/- zoom, Left/Right pan, Home fit, Escape clear). Finding bands and the selected range are
// drawn over the plot. Speaks in UTC microseconds; knows nothing of the hub.

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

    void setBands(std::vector<FindingBand> bands);
    void setSelectedRange(std::optional<std::int64_t> fromUs, std::optional<std::int64_t> toUs);
    /// Re-reads the model's buckets into the series and axes.
    void refresh();
    /// Re-applies palette colours (light or dark).
    void applyPalette();

    /// Screen x of a time and back (plot coordinates in the viewport).
    double xOf(std::int64_t us) const;
    std::int64_t timeAt(double x) const;
    QRectF plotRect() const;
    const std::vector<FindingBand> &bands() const { return m_bands; }

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
    std::vector<FindingBand> m_bands;
    std::optional<std::int64_t> m_selFrom, m_selTo;
    enum class Drag { None, Select, Pan } m_drag = Drag::None;
    double m_dragStartX = 0;
    double m_dragX = 0;
};

} // namespace netcase
