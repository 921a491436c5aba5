#pragma once

// The network graph dock: IPs, accounts, ASNs, hosts and user agents with weighted edges for
// what was observed together and clusters from the analysis. The graph is read and laid out in
// a worker (a JobRunner: the newest request wins); the view follows the SelectionHub and
// publishes clicked nodes to it. A selection made elsewhere starts the graph from its
// neighbourhood (double-click expands, "Whole graph" goes back to the heaviest nodes); the
// shown graph exports as GraphML or PNG.

#include "items/graph/graphscene.h"
#include "jobs/jobrunner.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QToolButton;

namespace netcase {

class CaseSession;
class GraphCanvas;
class SelectionHub;
struct Selection;

class GraphView : public QWidget
{
    Q_OBJECT
public:
    explicit GraphView(SelectionHub &hub, QWidget *parent = nullptr);
    ~GraphView() override;

    void setSession(CaseSession *session);
    GraphCanvas *canvas() const { return m_canvas; }
    /// True while the graph is being read or laid out.
    bool busy() const { return m_job.running(); }
    void setCap(int cap);
    void setTypeShown(graph::NodeType type, bool shown);
    /// Adds all neighbours of a node (what a double-click does).
    void expand(int dataIndex);
    QString caption() const;
    /// Shows the heaviest nodes of the case again instead of the selection's neighbourhood.
    void showWholeGraph();
    /// Writes the graph as shown (GraphML) or drawn whole (PNG, 2400x1600).
    Status exportGraphMl(const QString &path) const;
    Status exportPng(const QString &path) const;

Q_SIGNALS:
    /// A new scene is on screen (tests wait for this).
    void sceneReady();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    /// The node-type buttons show their names when the view is wide enough, icons only when
    /// it is narrow (a laptop screen), so the bar never sets the dock's minimum width.
    void fitTypeButtons();
    void reload();
    void relayout();
    using SceneJob = JobRunner<std::shared_ptr<const graph::GraphScene>>;
    void start(SceneJob::Body job, bool keepView);
    void finished(Result<std::shared_ptr<const graph::GraphScene>> result);
    void followSelection(const Selection &selection);
    void publish(int dataIndex);
    void findNode();
    void exportInteractive(bool png);
    void updateCaption();

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    GraphCanvas *m_canvas;
    QLabel *m_caption;
    QLineEdit *m_find;
    QToolButton *m_typeButtons[graph::kNodeTypeCount] = {};
    int m_wideWidth = 0; ///< the view's width from which the buttons show their names
    graph::SceneOptions m_options;
    std::shared_ptr<const graph::GraphData> m_data;
    std::shared_ptr<const graph::GraphScene> m_scene;
    bool m_keepView = false;
    bool m_publishing = false; ///< the selection being published came from a click here
    bool m_reloading = false;  ///< the job in flight reads the case (not only lays out)
    QString m_status;
    SceneJob m_job; ///< last: destroyed (and waited for) first
};

} // namespace netcase
