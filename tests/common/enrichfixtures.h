#pragma once

// Fixtures for the enrichment tests: MaxMind DB files written at test time by
// tests/fixtures/mmdb/make_mmdb.pl (MaxMind's Perl writer), and an access log whose addresses
// hit every network in them.

#include <QString>
#include <QStringList>

namespace netcase::test {

/// Directory holding city.mmdb, city-2020.mmdb, flat.mmdb, ipinfo.mmdb, asn.mmdb, anon.mmdb,
/// conn.mmdb, other.mmdb, corrupt.mmdb and truncated.mmdb; empty when generation failed.
QString enrichFixtureDir();
QString enrichFixture(const QString &name);

/// Writes text to a file under the test's temporary directory and returns its path.
QString writeTextFile(const QString &name, const QByteArray &text);

/// The addresses in makeEnrichLog(), two events each (alice and bob; bob's fail).
QStringList enrichLogIps();
/// An access log dated 10 Nov 2026 with enrichLogIps().
QString makeEnrichLog(const QString &name);

} // namespace netcase::test
