#pragma once

// What the map shows, read from the case: one location per distinct coordinate of the current
// enrichment (ip_info, current = 1) and role (where events came from, or where flows went) with
// its addresses, event count, worst finding severity and accuracy radius; arcs for
// impossible-travel findings; and the counts the view needs to say honestly what it does not
// show. The counts can be narrowed to a filter's accounts and time range.

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <vector>

namespace netcase {

class Database;

struct EventFilter;

struct MapLocation
{
    /// Source: events from these addresses (source.ip). Destination: flows and requests to
    /// them (destination.ip), drawn apart so a destination is never read as an attacker.
    enum class Role { Source, Destination };
    Role role = Role::Source;
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

    std::int64_t destinationIps = 0; ///< distinct destination addresses with a location

    /// Reads the map's data (one pass over the source_ip column, one over destination_ip).
    /// Empty when cancelled.
    static MapData load(const Database &db, const std::atomic<bool> *cancel = nullptr);
    /// The same, counting only the events the filter's accounts, event ids and time range
    /// select (its addresses are ignored: the map highlights selected addresses instead of
    /// hiding the others). Addresses without such events are not placed.
    static MapData
    load(const Database &db, const EventFilter &filter, const std::atomic<bool> *cancel = nullptr);
};

} // namespace netcase
