#pragma once

// What the map shows, read from the case: one location per distinct coordinate of the current
// enrichment (ip_info, current = 1) with its addresses, event count, worst finding severity and
// accuracy radius; arcs for impossible-travel findings; and the counts the view needs to say
// honestly what it does not show.

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <vector>

namespace netcase {

class Database;

struct MapLocation
{
    double lat = 0;
    double lon = 0;
    int accuracyKm = 0; ///< largest accuracy radius among its addresses, 0 when unknown
    QStringList ips;
    std::int64_t events = 0;
    int severity = -1; ///< worst severity of a finding naming one of its addresses, -1 none
    QString place;     ///< "Paris, FR"
};

struct TravelArc
{
    std::int64_t findingId = 0;
    double fromLat = 0, fromLon = 0, toLat = 0, toLon = 0;
    std::int64_t fromUs = 0, toUs = 0;
    double speedKmh = -1; ///< -1 when the finding does not state it and it cannot be derived
    double distanceKm = -1;
    int severity = 0;
    QString title;
};

struct MapData
{
    std::vector<MapLocation> locations;
    std::vector<TravelArc> arcs;
    std::int64_t ipsWithEvents = 0; ///< distinct source addresses in the events
    std::int64_t ipsWithoutLocation = 0;
    std::int64_t privateIps = 0; ///< of those without location: private/reserved ranges
    std::int64_t arcsWithoutCoordinates = 0;

    /// Reads the map's data (one pass over the source_ip column). Empty when cancelled.
    static MapData load(const Database &db, const std::atomic<bool> *cancel = nullptr);
};

} // namespace netcase
