#include "mapclusterer.h"

#include "items/mapdata.h"

#include <cmath>
#include <unordered_map>

namespace netcase {

std::vector<MapCluster> clusterLocations(const std::vector<MapLocation> &locations,
                                         const MapProjection &projection,
                                         double cellPx)
{
    cellPx = std::max(cellPx, 1.0);
    const double w = projection.size.width(), h = projection.size.height();
    std::vector<MapCluster> clusters;
    std::unordered_map<std::int64_t, size_t> byCell[2]; // sources, destinations
    std::vector<QPointF> sums;                          // weighted position sums per cluster
    std::vector<double> weights;
    for (size_t i = 0; i < locations.size(); ++i) {
        const MapLocation &l = locations[i];
        const QPointF p = projection.toScreen(l.lon, l.lat);
        if (p.x() < -cellPx || p.y() < -cellPx || p.x() > w + cellPx || p.y() > h + cellPx)
            continue;
        // Cells are anchored to the map, not to the viewport: panning keeps every marker's
        // grouping, so markers do not jump when a drag ends and the shifted layer is replaced.
        const double gx = (l.lon + 180.0) * projection.pxPerDeg;
        const double gy = (90.0 - l.lat) * projection.pxPerDeg;
        const std::int64_t cx = std::int64_t(std::floor(gx / cellPx));
        const std::int64_t cy = std::int64_t(std::floor(gy / cellPx));
        const std::int64_t key = (cx << 32) ^ (cy & 0xffffffff);
        const bool destination = l.role == MapLocation::Role::Destination;
        auto [it, inserted] = byCell[destination ? 1 : 0].try_emplace(key, clusters.size());
        if (inserted) {
            clusters.emplace_back();
            clusters.back().destination = destination;
            sums.emplace_back();
            weights.push_back(0);
        }
        MapCluster &c = clusters[it->second];
        const double weight = double(l.events) + 1.0;
        sums[it->second] += p * weight;
        weights[it->second] += weight;
        c.members.push_back(int(i));
        c.events += l.events;
        c.ips += l.ips.size();
        c.severity = std::max(c.severity, l.severity);
    }
    for (size_t i = 0; i < clusters.size(); ++i) {
        MapCluster &c = clusters[i];
        c.pos = sums[i] / weights[i];
        if (c.members.size() == 1) {
            const MapLocation &l = locations[size_t(c.members.front())];
            c.pos = projection.toScreen(l.lon, l.lat);
            c.accuracyKm = l.accuracyKm;
        }
    }
    return clusters;
}

double markerRadius(std::int64_t events)
{
    return std::min(22.0, 3.0 + 3.0 * std::log10(double(std::max<std::int64_t>(events, 0)) + 1));
}

} // namespace netcase
