#pragma once

// Packs the connected components of a laid-out graph around the largest one.
//
// A force layout keeps disconnected pieces apart with the very repulsion that spreads a
// component: with one large cluster and a few isolated nodes, the isolated nodes settle several
// cluster radii away (equilibrium of gravity g d against the cluster's push C K^2 N / d), and
// fitting the view to them shrinks the cluster the analyst came to read. Packing moves each
// smaller component, unchanged inside, onto rings just outside the largest one.

#include "forcelayout.h"

#include <vector>

namespace netcase::graph {

/// Translates every component but the largest so that all of them sit on rings around it,
/// separated by at least gap. Positions inside a component keep their relative layout; the
/// largest component does not move. Deterministic; edges with invalid ends are ignored.
void packComponents(std::vector<Vec2> &positions, const std::vector<LayoutEdge> &edges, double gap);

} // namespace netcase::graph
