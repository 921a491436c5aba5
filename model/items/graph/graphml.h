#pragma once

// The graph as GraphML (http://graphml.graphdrawing.org/), for Gephi, yEd or networkx: the
// nodes and edges of a scene (what the view shows) with type, value, label, events, analysis
// cluster and laid-out position; edges with weight and, for links the analysis found, kind.
// Text from the case goes through displaySafe() (XML 1.0 cannot carry control characters).

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace netcase::graph {

class GraphScene;

QByteArray toGraphMl(const GraphScene &scene);
/// Writes toGraphMl() to path, replacing it only once complete (QSaveFile).
Status writeGraphMl(const GraphScene &scene, const QString &path);

} // namespace netcase::graph
