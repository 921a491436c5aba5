#pragma once

// What an import tells the person about each source beyond its counts, worded once for the
// command line and the workbench: the time span its events landed in.

#include "ingest/importjob.h"

#include <QString>

namespace netcase {

/// "2026-03-02 08:00 – 2026-03-02 11:59 UTC"; empty when the source brought no events.
QString sourceSpanText(const SourceReport &s);

} // namespace netcase
