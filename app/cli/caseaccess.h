#pragma once

#include "case/casefile.h"

namespace netcase::cli {

/// Opens a case for a command: read-only for readers; writers fail with exit code 3 when
/// another process holds the case.
Result<CaseFile> openCase(const QString &path, bool write);

} // namespace netcase::cli
