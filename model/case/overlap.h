#pragma once

// Overlapping files: a rotated log and its successor, or two exports covering the same days,
// hold some of the same records. Importing both must not store those events twice, and must
// not drop anything silently either: each repeated record of the newer source becomes a reject
// that names the earlier source, with its raw text, and is counted in the
// source's `duplicates`.

#include "core/result.h"

#include <QString>

#include <cstdint>

namespace netcase {

class Database;

struct NewSource
{
    std::int64_t id = 0;
    QString format;
    std::int64_t firstEventId = 0; ///< the source's events have ids >= this
    std::int64_t firstTs = 0;
    std::int64_t lastTs = 0;
};

namespace overlap {

/// True when another source of the same format has events in the new source's time span, so a
/// check is worth running (it needs the events time index).
bool possible(const Database &db, const NewSource &source);

/// Moves the new source's events that equal, in every normalised field, an event already stored
/// from another source of the same format into rejects. Repeats within the new source itself are
/// kept (a log may hold the same line twice). Returns how many were moved.
Result<std::int64_t> moveRepeats(Database &db, const NewSource &source);

} // namespace overlap

} // namespace netcase
