#pragma once

// A case's ClickHouse connection settings (the `settings` entry "cluster.connection"): the URL
// (no password: the URL parser refuses one), where the password comes from (a file path or a
// keyring entry name, never the password itself) and a CA file for HTTPS. The GUI's pull dialog
// starts from them and saves them when it pulls; `netcase pull CASE` uses them when no URL is
// given, push and hunt with --case CASE. Saving appends the audit record "cluster.settings"
// without the values (the settings section's digest covers them); "not verifying the
// certificate" is never stored: it is only the visible --tls-no-verify.

#include "cluster/churl.h"
#include "core/result.h"

#include <QString>

#include <optional>

namespace netcase {
class Database;
}

namespace netcase::cluster {

struct ChSettings
{
    QString url;          ///< clickhouse://[USER@]HOST:PORT[,...]/DB[?cluster=..&secure=1]
    QString passwordFile; ///< first line is the password; empty: none
    QString keyring;      ///< a Secret Service entry name; empty: none
    QString caFile;       ///< PEM CA certificates for HTTPS; empty: the system's

    bool operator==(const ChSettings &) const = default;
};

std::optional<ChSettings> loadSettings(const Database &db);
/// Checks the URL, stores the settings and appends "cluster.settings" (one transaction).
Status saveSettings(Database &db, const ChSettings &s, const QString &actor);

/// The connection the settings describe, with the password read from its file or keyring.
Result<ChConnection> connectionFrom(const ChSettings &s);

} // namespace netcase::cluster
