#pragma once

// Exports a table of the case to CSV: the events matching a filter (every matching row, streamed
// from SQL, not only the rows a view has loaded) or a list of findings. Columns carry the Elastic
// Common Schema names of `netcase events` (and the `netcase findings --json` names for findings);
// cells go through CsvWriter, so they are guarded against formula injection. The file is written
// atomically (QSaveFile): an error or a cancel leaves no file and never damages an older one.

#include "core/result.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

class QIODevice;

namespace netcase {

class Database;
struct EventFilter;
struct StoredFinding;

enum class ExportTable { Events, Findings };

struct ExportControl
{
    /// Rows written and rows expected; called every few hundred rows from the exporting thread.
    std::function<void(std::int64_t done, std::int64_t total)> progress;
    /// Set (from any thread) to stop; the export then fails with ErrorCode::Cancelled.
    const std::atomic<bool> *cancel = nullptr;
};

namespace tableexport {

/// The header row of the events CSV (ECS field names, as `netcase events` nests them).
const std::vector<std::string> &eventColumns();
/// The header row of the findings CSV (the `netcase findings --json` names, flattened).
const std::vector<std::string> &findingColumns();

/// Streams the events matching filter (time order, the filter's limit honoured) as CSV rows.
/// Returns the number of rows written (the header not counted).
Result<std::int64_t> writeEvents(QIODevice &out,
                                 const Database &db,
                                 const EventFilter &filter,
                                 const ExportControl &control = {});
Result<std::int64_t> writeFindings(QIODevice &out,
                                   const std::vector<StoredFinding> &findings,
                                   const ExportControl &control = {});

/// writeEvents() into path, atomically.
Result<std::int64_t> exportEvents(const QString &path,
                                  const Database &db,
                                  const EventFilter &filter,
                                  const ExportControl &control = {});
/// writeFindings() into path, atomically.
Result<std::int64_t> exportFindings(const QString &path,
                                    const std::vector<StoredFinding> &findings,
                                    const ExportControl &control = {});

} // namespace tableexport
} // namespace netcase
