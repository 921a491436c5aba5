#pragma once

// The connection options every ClickHouse command shares: the URL and --password-file. The
// password is read here and kept only in memory; nothing of it reaches output or the audit log.

#include "cli/args.h"
#include "cluster/churl.h"

#include <cstdint>
#include <utility>

namespace netcase::cli {

Result<cluster::ChConnection> clusterConnection(const QString &url, const Args &args);
/// --from (inclusive) and --to (exclusive) as UTC microseconds; 0 and INT64_MAX when absent.
Result<std::pair<std::int64_t, std::int64_t>> timeRange(const Args &args);

} // namespace netcase::cli
