#pragma once

// What `import` and `push` share: both read files through the same importers, so they take the
// same reading options and report each file the same way (one line or JSON object per source,
// the skipped inputs, a total).

#include "core/result.h"
#include "ingest/importjob.h"

#include <QElapsedTimer>

#include <nlohmann/json.hpp>

namespace netcase::cli {

class Args;
class ProgressLine;

/// --format, --timezone, --year, --mapping, --max-expansion, --max-expanded-size,
/// --follow-links (each command lists them among its options).
Result<ImportOptions> readingOptions(const Args &args);

/// Shows the bytes read, the rate and the current file on the progress line.
ImportJob::ProgressFn progressShower(const ProgressLine &line, const QElapsedTimer &clock);

/// {events, rejects, seconds, sources: [...], skipped: [...]}.
nlohmann::json reportJson(const ImportReport &report, double seconds);

/// One line per source (its notes indented below it), then the skipped inputs. notDone names
/// what did not happen to a failed file ("not imported", "not pushed").
void printSources(const ImportReport &report, const QString &notDone);

/// "total  N events  N rejects  in S s".
void printTotal(const ImportReport &report, double seconds);

} // namespace netcase::cli
