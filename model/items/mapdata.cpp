#include "mapdata.h"

#include "case/eventquery.h"
#include "case/sqlite.h"
#include "core/geo.h"
#include "items/timelinesummary.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

namespace netcase {

namespace {

using Json = nlohmann::json;

std::optional<double> number(const Json &obj, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        auto it = obj.find(k);
        if (it != obj.end() && it->is_number())
            return it->get<double>();
    }
    return std::nullopt;
}

// The analysis engine's details layout may change: collect every object carrying a latitude and
// a longitude, in document order, wherever it sits.
void collectPoints(const Json &j, std::vector<const Json *> &out, int depth = 0)
{
    if (depth > 6 || out.size() >= 2)
        return;
    if (j.is_object()) {
        if (number(j, {"lat", "latitude"}) && number(j, {"lon", "lng", "longitude"})) {
            out.push_back(&j);
            return;
        }
        for (const auto &[k, v] : j.items()) {
            if (v.is_structured())
                collectPoints(v, out, depth + 1);
        }
    } else if (j.is_array()) {
        for (const Json &v : j)
            collectPoints(v, out, depth + 1);
    }
}

std::optional<double> findNumber(const Json &j, std::initializer_list<const char *> keys)
{
    if (!j.is_object())
        return std::nullopt;
    if (auto v = number(j, keys))
        return v;
    for (const auto &[k, v] : j.items()) {
        if (v.is_object()) {
            if (auto n = number(v, keys))
                return n;
        }
    }
    return std::nullopt;
}

std::int64_t timeOf(const Json &p, std::int64_t fallback)
{
    if (auto v = number(p, {"ts", "time_us", "timestamp_us"}))
        return std::int64_t(*v);
    return fallback;
}

} // namespace

MapData MapData::load(const Database &db, const std::atomic<bool> *cancel)
{
    return load(db, EventFilter(), cancel);
}

MapData
MapData::load(const Database &db, const EventFilter &filter, const std::atomic<bool> *cancel)
{
    MapData out;
    EventFilter f;
    f.users = filter.users;
    f.fromUs = filter.fromUs;
    f.toUs = filter.toUs;
    f.eventIds = filter.eventIds;
    // Events per address id: one pass over the source_ip column of the event store, one over
    // destination_ip.
    using Counts = std::unordered_map<std::int64_t, std::int64_t>;
    auto countBy = [&](const char *column, Counts &counts) {
        const QString sql = QStringLiteral("SELECT e.%1, count(*) FROM events e WHERE e.%1 IS NOT "
                                           "NULL AND %2 GROUP BY e.%1")
                                    .arg(QLatin1String(column), f.whereSql());
        Statement st = db.prepare(sql.toStdString());
        bindEventFilter(st, f);
        while (st.step()) {
            if (cancel && cancel->load())
                return false;
            counts[st.int64(0)] = st.int64(1);
        }
        return true;
    };
    Counts eventsByIp, flowsToIp;
    if (!countBy("source_ip", eventsByIp) || !countBy("destination_ip", flowsToIp))
        return {};
    out.ipsWithEvents = std::int64_t(eventsByIp.size());

    std::unordered_map<QString, int> severityByIp;
    {
        const QByteArray sql = QStringLiteral("SELECT fe.value, max(f.severity) FROM "
                                              "finding_entities fe JOIN findings f ON f.id = "
                                              "fe.finding_id WHERE fe.type = 'ip' AND f.%1 "
                                              "GROUP BY fe.value")
                                       .arg(visibleFindingsSql(db).replace(
                                               QStringLiteral(" AND "), QStringLiteral(" AND f.")))
                                       .toUtf8();
        Statement st = db.prepare(sql.toStdString());
        while (st.step())
            severityByIp[st.text(0)] = int(st.int64(1));
    }

    std::map<std::tuple<double, double, int>, size_t> byCoord;
    std::int64_t located = 0;
    {
        Statement st = db.prepare(
                "SELECT ii.ip_id, i.ip, ii.latitude, ii.longitude, ii.accuracy_km, "
                "ii.city, ii.country_iso FROM ip_info ii JOIN ips i ON i.id = ii.ip_id "
                "WHERE ii.current = 1 AND ii.latitude IS NOT NULL AND ii.longitude IS NOT NULL");
        while (st.step()) {
            if (cancel && cancel->load())
                return {};
            const double lat = st.real(2), lon = st.real(3);
            if (!std::isfinite(lat) || !std::isfinite(lon) || std::abs(lat) > 90
                || std::abs(lon) > 180)
                continue; // a bad coordinate is not a location
            const std::int64_t ipId = st.int64(0);
            const QString ip = st.text(1);
            const QString city = st.text(5), country = st.text(6);
            // An address is placed once per role it plays in the counted events.
            for (const auto role : {MapLocation::Role::Source, MapLocation::Role::Destination}) {
                const Counts &counts = role == MapLocation::Role::Source ? eventsByIp : flowsToIp;
                auto ev = counts.find(ipId);
                if (ev == counts.end())
                    continue;
                if (role == MapLocation::Role::Source)
                    ++located;
                else
                    ++out.destinationIps;
                auto [it, inserted]
                        = byCoord.try_emplace({lat, lon, int(role)}, out.locations.size());
                if (inserted) {
                    MapLocation l;
                    l.role = role;
                    l.lat = lat;
                    l.lon = lon;
                    l.place = city.isEmpty()
                                      ? country
                                      : (country.isEmpty() ? city
                                                           : city + QStringLiteral(", ") + country);
                    out.locations.push_back(l);
                }
                MapLocation &l = out.locations[it->second];
                l.ips << ip;
                l.events += ev->second;
                if (!st.isNull(4))
                    l.accuracyKm = std::max(l.accuracyKm, int(st.int64(4)));
                auto sev = severityByIp.find(ip);
                if (sev != severityByIp.end())
                    l.severity = std::max(l.severity, sev->second);
            }
        }
    }
    out.ipsWithoutLocation = out.ipsWithEvents - located;
    {
        Statement st = db.prepare(
                "SELECT ip_id FROM ip_info WHERE current = 1 AND address_class IS NOT NULL AND "
                "address_class NOT IN ('public', 'global', '') AND latitude IS NULL");
        while (st.step())
            out.privateIps += eventsByIp.count(st.int64(0)) ? 1 : 0;
    }

    // Impossible-travel arcs: coordinates from the finding's details, or else from the current
    // enrichment of the two addresses it names.
    std::unordered_map<QString, const MapLocation *> locByIp;
    for (const MapLocation &l : out.locations)
        if (l.role == MapLocation::Role::Source)
            for (const QString &ip : l.ips)
                locByIp[ip] = &l;
    Statement st
            = db.prepare("SELECT id, first_ts, last_ts, severity, title, details FROM findings "
                         "WHERE kind = 'impossible_travel' AND suppressed_by IS NULL "
                         "AND last_ts >= ? AND first_ts < ? ORDER BY severity DESC LIMIT 2000");
    st.bind(1, f.fromUs.value_or(std::numeric_limits<std::int64_t>::min()))
            .bind(2, f.toUs.value_or(std::numeric_limits<std::int64_t>::max()));
    while (st.step()) {
        TravelArc a;
        a.findingId = st.int64(0);
        a.fromUs = st.int64(1);
        a.toUs = st.int64(2);
        a.severity = int(st.int64(3));
        a.title = st.text(4);
        const Json details = Json::parse(st.textView(5), nullptr, false);
        std::vector<const Json *> pts;
        if (!details.is_discarded())
            collectPoints(details, pts);
        if (pts.size() == 2) {
            a.fromLat = *number(*pts[0], {"lat", "latitude"});
            a.fromLon = *number(*pts[0], {"lon", "lng", "longitude"});
            a.toLat = *number(*pts[1], {"lat", "latitude"});
            a.toLon = *number(*pts[1], {"lon", "lng", "longitude"});
            a.fromUs = timeOf(*pts[0], a.fromUs);
            a.toUs = timeOf(*pts[1], a.toUs);
        } else {
            Statement ips = db.prepare("SELECT value FROM finding_entities WHERE finding_id = ? "
                                       "AND type = 'ip' ORDER BY value LIMIT 2");
            ips.bind(1, a.findingId);
            std::vector<const MapLocation *> locs;
            while (ips.step()) {
                auto it = locByIp.find(ips.text(0));
                if (it != locByIp.end())
                    locs.push_back(it->second);
            }
            if (locs.size() != 2) {
                // Narrowed counts leave addresses unplaced: that is no lack of coordinates.
                if (f.isEmpty())
                    ++out.arcsWithoutCoordinates;
                continue;
            }
            a.fromLat = locs[0]->lat;
            a.fromLon = locs[0]->lon;
            a.toLat = locs[1]->lat;
            a.toLon = locs[1]->lon;
        }
        if (!details.is_discarded()) {
            a.speedKmh
                    = findNumber(details, {"speed_kmh", "speed_km_h", "speed", "kmh"}).value_or(-1);
            a.distanceKm = findNumber(details, {"distance_km", "distance"}).value_or(-1);
        }
        if (a.distanceKm < 0)
            a.distanceKm = greatCircleKm(a.fromLat, a.fromLon, a.toLat, a.toLon);
        const double hours = double(std::abs(a.toUs - a.fromUs)) / 3.6e9;
        if (a.speedKmh < 0 && hours > 0)
            a.speedKmh = a.distanceKm / hours;
        out.arcs.push_back(a);
    }
    return out;
}

} // namespace netcase
