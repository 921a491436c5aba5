#pragma once

// The connection options every ClickHouse command shares: the URL and --password-file. The
// password is read here and kept only in memory; nothing of it reaches output or the audit log.

#include "cli/args.h"
#include "cluster/churl.h"

namespace netcase::cli {

Result<cluster::ChConnection> clusterConnection(const QString &url, const Args &args);

} // namespace netcase::cli
