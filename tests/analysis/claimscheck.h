#pragma once

// An independent check of what a stored finding claims: its title, signals and counts are read
// back and compared with its evidence events, read from the case through EventQuery. It shares no
// code with the detections (model/analysis): it counts attempts, accounts, sources and MFA
// prompts its own way, from the events as an analyst would read them.

#include <QString>
#include <QStringList>

namespace netcase {
class Database;
struct StoredFinding;
} // namespace netcase

namespace netcase::test {

/// The claims of one finding that its evidence does not support (empty: all supported).
QStringList uncheckedClaims(const Database &db, const StoredFinding &f);
/// Every active finding of the case: "#id kind: title: problem" per unsupported claim.
QStringList uncheckedClaims(const Database &db);

} // namespace netcase::test
