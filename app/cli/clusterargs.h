#pragma once

// The connection options every ClickHouse command shares: the URL, --password-file or
// --password-keyring NAME, and for an HTTPS URL (?secure=1) --ca-file and --tls-no-verify (which
// warns on stderr each time). Without a URL, the case's stored settings (cluster/chsettings,
// `netcase connection`) are used, the options given overriding theirs. The password is read
// here and kept only in memory; nothing of it reaches output or the audit log.

#include "cli/args.h"
#include "cluster/chsettings.h"
#include "cluster/churl.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace netcase::cli {

/// What the URL (or, when it is empty, the stored settings) and the options describe.
Result<cluster::ChSettings> clusterSettings(const QString &url,
                                            const Args &args,
                                            const std::optional<cluster::ChSettings> &stored);
Result<cluster::ChConnection> clusterConnection(const QString &url,
                                                const Args &args,
                                                const std::optional<cluster::ChSettings> &stored
                                                = std::nullopt);
/// The connection settings stored in the case at path (opened read-only); none when it has
/// none.
Result<std::optional<cluster::ChSettings>> storedSettings(const QString &casePath);
/// --from (inclusive) and --to (exclusive) as UTC microseconds; 0 and INT64_MAX when absent.
Result<std::pair<std::int64_t, std::int64_t>> timeRange(const Args &args);

} // namespace netcase::cli
