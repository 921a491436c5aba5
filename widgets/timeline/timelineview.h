#pragma once

// The timeline dock: events per time bucket for the case (or for the selected entities), the
// selected time range, and below the chart the findings in view as lanes (only the selection's
// when it names entities or a finding). A new selection refits the time axis to its events.
// Counting runs in a worker on its own connection; zooming and panning only re-bucket the in-memory
// per-minute summary.

#include "case/eventquery.h"
#include "items/caseload.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace netcase {

class CaseSession;
class SelectionHub;
class TimelineChartView;
class TimelineLanes;
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
    TimelineLanes *lanes() const { return m_lanes; }
    /// How many findings the lanes would show without the limit.
    std::int64_t lanesTotal() const { return m_lanesTotal; }
    /// True while the per-minute summary is being counted.
    bool isLoading() const { return m_load.running(); }
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
    void onLoaded(const std::shared_ptr<TimelineSummary> &summary);
    void followSelection();
    void zoomToFinding(std::int64_t findingId);
    void reloadLanes();
    void selectFindingOfLane(std::int64_t findingId);
    void updateCaption();
    int maxBuckets() const;
    /// As many lanes as leave the chart most of the dock's height.
    int maxLanes() const;

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    TimelineModel *m_model;
    TimelineChartView *m_chart;
    TimelineLanes *m_lanes;
    QLabel *m_caption;
    CaseLoad<std::shared_ptr<TimelineSummary>> m_load{
            this, [this](const std::shared_ptr<TimelineSummary> &s) {
                onLoaded(s);
            }};
    EventFilter m_loadedFilter;
    bool m_haveRange = false;
    bool m_refit = false; ///< the entities changed: fit the axis to the next summary
    std::int64_t m_lanesTotal = 0;
    std::int64_t m_zoomedFinding = 0; ///< the selected finding whose window was brought into view
};

} // namespace netcase
