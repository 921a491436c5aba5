#pragma once

// What a case's raw blocks hold, for tests of the import's raw records.

namespace netcase {
class Database;
}

namespace netcase::test {

/// How many records the case's raw blocks keep as forms (rebuilt from their events) rather
/// than as text.
int countRebuiltRecords(const Database &db);

} // namespace netcase::test
