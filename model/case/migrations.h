#pragma once

#include "core/result.h"

namespace netcase {

class Database;

/// The schema version this build writes. Files with a higher user_version are refused.
constexpr int kSchemaVersion = 6;
/// The oldest schema a read-only opening accepts as it is: the steps after it change nothing a
/// reader of an older case needs.
constexpr int kOldestReadableSchema = 3;
/// Written to PRAGMA application_id so a random SQLite file is not mistaken for a case ('NCAS').
constexpr int kApplicationId = 0x4E434153;

/// The schema version the case file says it has (PRAGMA user_version).
int schemaVersion(const Database &db);

/// Brings a writable database from its user_version up to kSchemaVersion, one forward-only step
/// at a time, each in its own transaction.
Status migrate(Database &db);

} // namespace netcase
