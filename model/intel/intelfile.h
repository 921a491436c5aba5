#pragma once

// One input of `netcase intel` / Case → Import intelligence: a STIX 2.1 bundle, a MISP event
// JSON export, or a MISP feed (its manifest.json, or the folder holding it, with one
// <uuid>.json per event of the manifest). The format is told from the content, not the name.
// The file's SHA-256 is its provenance (a feed: over the manifest and its event files, in the
// manifest's order). Any error refuses the whole input.

#include "indicator.h"

#include "core/result.h"

namespace netcase::intel {

Result<IntelFile> readIntelFile(const QString &path);

} // namespace netcase::intel
