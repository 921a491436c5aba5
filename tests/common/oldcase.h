#pragma once

// A case as Netcase wrote it before the event store (schema 2: a real events table with
// indexes), for migration tests.

#include <QString>

namespace netcase::test {

/// Writes a schema-2 case at path with two sources and four events (ids 1, 2, 4, 5: a gap, as
/// overlap removal left). False on any SQLite error.
bool makeSchemaTwoCase(const QString &path);

} // namespace netcase::test
