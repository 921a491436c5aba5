#pragma once

// The claims checker's part for the coverage detections of issue 21 (cloud credentials used
// outside their environment, unusual access hours): like claimscheck.h, it reads the finding's
// title and its evidence (and, for a baseline claim, the account's history) from the case and
// shares no code with model/analysis.

#include <QStringList>

namespace netcase {
class Database;
struct StoredFinding;
} // namespace netcase

namespace netcase::test {

/// The unsupported claims of a finding of kind cloud_credentials_outside or
/// unusual_access_hours (empty for other kinds). complete: the stored evidence is all of it.
QStringList coverageClaims(const Database &db, const StoredFinding &f, bool complete);

} // namespace netcase::test
