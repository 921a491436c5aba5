#pragma once

// Grid clustering in screen space: locations whose points fall in the same cell of cellPx
// pixels and of the same role (source or destination) merge into one marker, so a zoomed-out map of
// 100,000 addresses draws a few hundred markers. Zooming in shrinks cells in degrees until every
// location stands alone.

#include "render/mapprojection.h"

#include <QPointF>

#include <cstdint>
#include <vector>

namespace netcase {

struct MapLocation;

struct MapCluster
{
    QPointF pos;              ///< screen position (event-weighted centre of its members)
    std::vector<int> members; ///< indices into the location list
    std::int64_t events = 0;
    std::int64_t ips = 0;
    int severity = -1;
    int accuracyKm = 0;       ///< of a single location; 0 for a cluster
    bool destination = false; ///< destinations of flows, clustered apart from sources
};

/// Clusters the locations visible in the projection (plus a margin of one cell).
std::vector<MapCluster> clusterLocations(const std::vector<MapLocation> &locations,
                                         const MapProjection &projection,
                                         double cellPx);

/// Marker radius in logical pixels for an event count (logarithmic: 1 event 3 px, 10,000 ~15 px).
double markerRadius(std::int64_t events);

} // namespace netcase
