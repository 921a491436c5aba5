#pragma once

// Helpers for the decision-trail tests: findings rows to decide on (the analysis tables are
// filled by another part of Netcase, so the tests write their own), and tampering with a case
// through the sqlite3 shell the way an attacker would (dropping the append-only triggers first).

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace netcase {
class Database;
}

namespace netcase::test {

/// Adds a finding about ip (and account) with two signals and evidence; returns its id.
std::int64_t addFinding(Database &db,
                        const QString &ip,
                        const QString &account,
                        const std::vector<std::int64_t> &evidence);
/// Adds a current ip_info row for ip with an ASN from a named source (inserting the ip).
void addEnrichment(Database &db, const QString &ip, std::int64_t asn, const QString &org);

/// Records the digests of every section after a fixture wrote tables directly (an audited
/// "case.seal" record), so verify sees the fixture's rows as written by Netcase.
void sealFixtureWrites(Database &db);
/// Runs SQL on the case with the sqlite3 shell; returns its stdout (fails the test on error).
QString sqlite(const QString &casePath, const QString &sql);
/// Drops the append-only triggers, runs sql, and recreates them as they were.
QString tamper(const QString &casePath, const QString &sql);

} // namespace netcase::test
