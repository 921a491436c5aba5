#pragma once

// What the case knows about one address, as the IP details view shows it: the current
// enrichment row field by field with the source that supplied each value (ip_info.provenance →
// enrich_sources), the caveats that apply (worded by caveats.h), and the address's activity in
// the events. A projection of loadIpInfo() (ipinfo.h), the one reader of an ip_info row with
// its provenance; it lives in the model so that no widget runs SQL.

#include <QDate>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace netcase {

class Database;

struct IpSourceInfo
{
    std::int64_t id = 0;
    QString name;      ///< file name of the database or list
    QString kind;      ///< mmdb | asn_csv | list
    QString type;      ///< database type ("GeoLite2-City") or list format
    QString buildDate; ///< as recorded, may be empty
    /// Days from the build date to the case's last event (as the report measures staleness,
    /// not against today: an old case read today is not stale for that reason).
    std::optional<qint64> daysBeforeEvents;
    bool stale = false;  ///< built more than six months before the case's last event
    QString attribution; ///< the credit the data's licence asks for, if any
};

struct IpField
{
    QString name;   ///< human label
    QString ecsKey; ///< provenance key ("geo.city_name")
    QString value;
    std::int64_t sourceId = 0; ///< 0: derived by Netcase or not recorded
};

struct IpDetails
{
    QString ip;
    bool enriched = false;
    std::vector<IpField> fields;
    std::vector<IpSourceInfo> sources; ///< every source named by the row
    QStringList caveats;
    QStringList attributions; ///< the credits of the sources shown (IP Geolocation by DB-IP)
    std::int64_t events = 0;
    std::int64_t firstUs = 0, lastUs = 0;
    std::int64_t accounts = 0;
    QStringList someAccounts; ///< up to 10
    /// Threat intelligence naming the address, one line per indicator (intel/inteltext.h;
    /// filled by the view's reader, enrich does not depend on intel).
    QStringList intel;

    const IpSourceInfo *source(std::int64_t id) const;

    /// Reads the details of ip (canonical text) from the case.
    static IpDetails read(const Database &db, const QString &ip);
};

} // namespace netcase
