#pragma once

// The timeline dock: events per time bucket for the case (or for the selected entities),
// findings as bands, and the selected time range. Counting runs in a worker on its own
// connection; zooming and panning only re-bucket the in-memory per-minute summary.

#include "case/eventquery.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;

namespace netcase {

class CaseSession;
class SelectionHub;
class TimelineChartView;
class TimelineModel;
class TimelineSummary;

class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(SelectionHub &hub, QWidget *parent = nullptr);
    ~TimelineView() override;

    void setSession(CaseSession *session);

    TimelineModel *model() const { return m_model; }
    TimelineChartView *chartView() const { return m_chart; }
    /// True while the per-minute summary is being counted.
    bool isLoading() const { return m_loading; }
    /// Shows [fromUs, toUs) (clamped to a sensible span).
    void setViewRange(std::int64_t fromUs, std::int64_t toUs);
    void fitToData();

Q_SIGNALS:
    /// Emitted when a new summary is shown (tests wait for it).
    void loaded();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void reload();
    void onLoaded();
    void followSelection();
    void zoomToFinding(std::int64_t findingId);
    void reloadBands();
    void updateCaption();
    int maxBuckets() const;

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    TimelineModel *m_model;
    TimelineChartView *m_chart;
    QLabel *m_caption;
    QFutureWatcher<std::shared_ptr<TimelineSummary>> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    EventFilter m_loadedFilter;
    bool m_loading = false;
    bool m_haveRange = false;
    std::int64_t m_bandsTotal = 0;
    std::int64_t m_zoomedFinding = 0; ///< the selected finding whose window was brought into view
};

} // namespace netcase
