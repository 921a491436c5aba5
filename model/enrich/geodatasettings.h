#pragma once

// Where enrichment data comes from when the analyst does not name it: the sources configured in
// the settings (QSettings "enrichment/…") plus MaxMind DB files and ASN range CSV files found in
// the usual places (/usr/share/GeoIP, /var/lib/GeoIP and the user data directory's geoip/,
// where scripts/fetch-geodata.sh puts the free databases).

#include "sourceset.h"

#include <QList>
#include <QStringList>

namespace netcase {

struct GeodataSettings
{
    QStringList databases; ///< .mmdb paths
    QStringList asnCsv;    ///< ASN range CSV paths
    QStringList lists;     ///< "[CATEGORY=]PATH"
    bool searchUsualPlaces = true;

    static GeodataSettings load();
    void save() const;
};

/// The folders searched for databases, in order.
QStringList usualGeodataDirs();
/// The user data directory's geoip folder (created by the fetch script).
QString userGeodataDir();

/// Files found in the usual places: *.mmdb as databases, *.csv as ASN range candidates.
QList<SourceSpec> discoveredSources();
/// Configured sources followed by discovered ones (when enabled), without duplicates.
QList<SourceSpec> configuredSources();
/// Turns a settings value list into specs.
QList<SourceSpec> specsFrom(const GeodataSettings &settings);

} // namespace netcase
