#pragma once

// One MaxMind DB file read through libmaxminddb. The layout (GeoIP2 nested maps, the flat
// DB-IP / ip-location-db layout, IPinfo Lite, ASN, ISP, Connection-Type, Anonymous-IP,
// Residential-Proxy) is recognised from the metadata's database_type and from the fields the
// records actually hold, never from the file name. A file that is corrupt, truncated or holds
// none of the fields Netcase reads is refused when it is opened.

#include "iprecord.h"

#include "core/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>

namespace netcase {

struct IpKey;

class MmdbReader
{
public:
    /// What the records can supply; several bits for combined databases (Enterprise, IPinfo).
    enum Capability : unsigned {
        Geo = 1,
        Asn = 2,
        Isp = 4,
        ConnectionType = 8,
        Anonymous = 16,
    };

    ~MmdbReader();
    MmdbReader(const MmdbReader &) = delete;
    MmdbReader &operator=(const MmdbReader &) = delete;

    static Result<std::unique_ptr<MmdbReader>> open(const QString &path);

    const QString &path() const { return m_path; }
    /// The metadata's database_type ("GeoIP2-City", "DBIP-City-Lite", ...).
    const QString &databaseType() const { return m_type; }
    const QString &description() const { return m_description; }
    /// Which layout the fields follow: "geoip2", "flat" or "ipinfo".
    const QString &layout() const { return m_layout; }
    unsigned capabilities() const { return m_caps; }
    /// Human list of capabilities ("geolocation, ASN").
    QStringList capabilityNames() const;
    QDateTime buildDate() const { return m_buildDate; }

    /// The record for an address, decoded once per distinct record and cached; nullptr when
    /// the database has no entry (or the lookup failed; see lookupErrors()).
    const IpRecord *find(const IpKey &key);
    int lookupErrors() const { return m_errors; }
    const QString &lastError() const { return m_lastError; }

private:
    MmdbReader();
    struct Impl;
    std::unique_ptr<Impl> d;
    QString m_path;
    QString m_type;
    QString m_description;
    QString m_layout;
    unsigned m_caps = 0;
    QDateTime m_buildDate;
    int m_errors = 0;
    QString m_lastError;
};

} // namespace netcase
