#pragma once

// What the graph view shows: a capped subset of the case's entity graph (the heaviest nodes
// of the visible types, plus expanded neighbours and the selection), laid out in world units.
// Building a scene is pure computation (the layout), so it runs in a worker thread.

#include "forcelayout.h"
#include "graphdata.h"

#include <QHash>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSet>

#include <array>
#include <atomic>
#include <memory>

namespace netcase::graph {

/// Force: communities (force-directed, forcelayout.h); Columns: one column per kind of entity
/// (columnlayout.h).
enum class SceneLayout : std::uint8_t { Force, Columns };

struct SceneOptions
{
    SceneLayout layout = SceneLayout::Force;
    std::array<bool, kNodeTypeCount> shown{true, true, true, true, true};
    int cap = 5000;     ///< most nodes laid out and drawn
    QSet<int> expanded; ///< nodes whose neighbours are all shown (any type, beyond the cap)
    QSet<int> pinned;   ///< nodes always shown (the selection)
    /// When not empty, the scene starts from these nodes and their neighbours (of the shown
    /// types, the heaviest up to the cap) instead of the whole case: a selection's
    /// neighbourhood in a graph of thousands; double-clicks expand it further.
    QSet<int> focus;
    std::uint32_t seed = 1;
    int maxIterations = 500;
};

struct SceneNode
{
    int index = 0; ///< into GraphData::nodes
    QPointF pos;
    double radius = 6; ///< world units, grows with the event count (log scale)
};

struct SceneEdge
{
    int a = 0; ///< into GraphScene::nodes
    int b = 0;
    int index = 0; ///< into GraphData::edges
};

struct ClusterHull
{
    int cluster = 0;
    int members = 0;
    QPolygonF hull; ///< world units, padded around the members
};

class GraphScene
{
public:
    /// Chooses the subset and lays it out. previous: world positions by node index from the
    /// last scene (kept so toggling a type or expanding a node does not scramble the drawing).
    static GraphScene build(std::shared_ptr<const GraphData> data,
                            const SceneOptions &options,
                            const QHash<int, QPointF> &previous = {},
                            const std::atomic_bool *cancel = nullptr);

    const GraphData *data() const { return m_data.get(); }
    std::shared_ptr<const GraphData> dataPtr() const { return m_data; }
    const std::vector<SceneNode> &nodes() const { return m_nodes; }
    const std::vector<SceneEdge> &edges() const { return m_edges; }
    const std::vector<ClusterHull> &hulls() const { return m_hulls; }

    /// The scene node showing a data node, or -1.
    int sceneIndexOf(int dataIndex) const { return m_sceneOf.value(dataIndex, -1); }
    /// The scene node under a world point (within its radius plus slack), or -1.
    int nodeAt(QPointF world, double slack) const;
    QRectF bounds() const;
    QHash<int, QPointF> positions() const;

    /// Whether the scene shows a focus's neighbourhood (SceneOptions::focus).
    bool focused() const { return m_focused; }
    /// Nodes of the shown types in the case (or in the focus's neighbourhood), and how many of
    /// them the cap left out.
    int candidates() const { return m_candidates; }
    int cappedOut() const { return m_cappedOut; }
    /// Nodes added beyond the cap or of hidden types (expanded neighbours, the selection).
    int extra() const { return m_extra; }
    const LayoutStats &layoutStats() const { return m_stats; }
    SceneLayout layout() const { return m_layout; }
    qint64 layoutMs() const { return m_layoutMs; }

private:
    void computeHulls();

    std::shared_ptr<const GraphData> m_data;
    std::vector<SceneNode> m_nodes;
    std::vector<SceneEdge> m_edges;
    std::vector<ClusterHull> m_hulls;
    QHash<int, int> m_sceneOf;
    bool m_focused = false;
    int m_candidates = 0;
    int m_cappedOut = 0;
    int m_extra = 0;
    LayoutStats m_stats;
    qint64 m_layoutMs = 0;
    SceneLayout m_layout = SceneLayout::Force;
};

} // namespace netcase::graph
