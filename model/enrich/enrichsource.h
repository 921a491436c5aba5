#pragma once

// One database or list as the case records it (table enrich_sources): what it is, where it
// was, the SHA-256 of its bytes and when it was built, so a reviewer can tell exactly which data
// produced a value. Staleness is judged against the case's events.

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace netcase {

struct EnrichSource
{
    qint64 id = 0;
    QString kind;   ///< "mmdb", "asn_csv", "list"
    QString type;   ///< database_type for MaxMind DB files; the list's format otherwise
    QString layout; ///< mmdb: "geoip2", "flat", "ipinfo"; what it supplies follows in note
    QString name;   ///< the file's name, or the list's own name
    QString path;
    QString sha256;
    QDateTime buildDate; ///< metadata build time; a list's header date or file time
    /// build_date as recorded, for display: buildDate reads a date-only value as local midnight
    /// turned to UTC, which east of UTC is the day before.
    QString buildDateText;
    QString category; ///< lists: tor_exit, vpn, proxy, hosting, scanner, abuse, allow
    qint64 entries = -1;
    QString note; ///< what it supplies ("geolocation, ASN"), how the date was known
    QDateTime loadedAt;

    bool stale = false; ///< built more than six months before the case's last event
    QString staleness;  ///< the warning, empty when not stale
    /// Days from the build date to the case's last event (negative: built after it), when
    /// both are known; set by judgeStaleness().
    std::optional<qint64> daysBeforeEvents;

    /// "GeoIP2-City (built 2024-05-01)"
    QString label() const;
    /// The credit the data's licence asks every user-facing display of it to show ("IP
    /// Geolocation by DB-IP"), empty when none is known.
    QString attribution() const;
};

/// The distinct attributions of the sources, in order.
QStringList attributions(const QList<EnrichSource> &sources);

/// Sets stale/staleness from the case's last event time (UTC microseconds; < 0 = no events).
void judgeStaleness(EnrichSource &s, qint64 lastEventUs);

} // namespace netcase
