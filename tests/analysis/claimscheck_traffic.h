#pragma once

// The claims checker's part for the traffic rules of issue 21 (long connections, large outbound
// transfers, rare ports, and the DDoS scoring's error and path shares): like claimscheck.h, it
// reads the finding's title and signals and its evidence from the case and shares no code with
// model/analysis.

#include <QStringList>

namespace netcase {
class Database;
struct StoredFinding;
} // namespace netcase

namespace netcase::test {

/// The unsupported claims of a finding of those kinds (empty for other kinds). complete: the
/// stored evidence is all of it.
QStringList trafficClaims(const Database &db, const StoredFinding &f, bool complete);

} // namespace netcase::test
