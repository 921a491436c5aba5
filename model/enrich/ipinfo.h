#pragma once

// What the views and reports read about one address: its current enrichment with the source of
// every value (name, type, build date, staleness), its history of earlier enrichment runs, and
// how it appears in the case (first/last seen, events, accounts, failures; indexed SQL).

#include "enrichsource.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace netcase {

class Database;

struct IpListHit
{
    QString name;
    QString category;
    QString label;
    qint64 sourceId = 0;
};

struct IpInfo
{
    QString ip;
    bool enriched = false; ///< false when no enrichment row exists yet
    qint64 runId = 0;
    QString enrichedAt;
    /// Whether the run that produced this row used a geolocation database at all.
    bool runHadGeolocation = false;

    QString addressClass; ///< see addressclass.h
    QString countryIso;
    QString countryName;
    QString region;
    QString city;
    std::optional<double> latitude;
    std::optional<double> longitude;
    int accuracyKm = -1;
    QString timeZone;
    qint64 asn = -1;
    QString asOrg;
    QString isp;
    QString networkType;
    QString networkTypeReason;
    bool anonymous = false;
    bool tor = false;
    bool vpn = false;
    bool proxy = false;
    bool hosting = false;
    bool residentialProxy = false;
    QList<IpListHit> lists;

    /// Field ("geo.city_name", "geo.location", "as.number", "flags.tor", "network_type", ...)
    /// → enrich_sources.id.
    QMap<QString, qint64> provenance;
    /// Every source this row names, staleness judged against the case's events.
    QList<EnrichSource> sources;

    qint64 firstSeenUs = -1;
    qint64 lastSeenUs = -1;
    qint64 events = 0;
    qint64 accounts = 0;
    qint64 failures = 0;

    bool hasGeo() const { return !countryIso.isEmpty() || latitude.has_value(); }
    /// The source behind a field, or nullptr.
    const EnrichSource *sourceFor(const QString &field) const;
};

/// The current enrichment of ip (any textual form) or nullopt when ip is not an address.
std::optional<IpInfo> loadIpInfo(const Database &db, const QString &ip);
/// Earlier enrichment rows of ip (current = 0), newest first, for audit.
QList<IpInfo> loadIpInfoHistory(const Database &db, const QString &ip);

/// Every source recorded in the case, staleness judged against its events.
QList<EnrichSource> enrichmentSources(const Database &db);
/// True when the case has at least one geolocation database recorded.
bool caseHasGeolocation(const Database &db);

/// What an analyst must keep in mind about this address (address class, shared or anonymised
/// networks, heuristic network type, stale or missing databases), one sentence each, worded
/// by caveats.h.
QStringList ipCaveats(const IpInfo &info);
/// "Berlin, Germany (DE) ±20 km" or empty.
QString locationText(const IpInfo &info);
/// "AS3320 Deutsche Telekom AG" or empty.
QString asText(const IpInfo &info);
/// "tor, vpn, list tor_exits" or empty.
QStringList flagNames(const IpInfo &info);

} // namespace netcase
