#pragma once

// The ClickHouse password from the desktop's keyring (the freedesktop Secret Service: GNOME
// Keyring, KWallet) by entry name, through QtKeychain (Debian 12: qtkeychain-qt6-dev). The
// entry is QtKeychain's service "netcase-clickhouse" with the name as its key; a build without
// QtKeychain says so instead. The password is only returned, never stored or logged.

#include "core/result.h"

#include <QString>

namespace netcase::cluster {

/// The QtKeychain service name entries are kept under.
inline const char *const kKeyringService = "netcase-clickhouse";

/// Whether this build can read a keyring at all.
bool keyringAvailable();
/// The password stored under name; an error names the keyring's problem (no Secret Service
/// running, no such entry, access denied).
Result<QString> readKeyringPassword(const QString &name);
/// Stores a password under name (tests and `netcase keyring`-like tools; not used by the CLI).
Status writeKeyringPassword(const QString &name, const QString &password);

} // namespace netcase::cluster
