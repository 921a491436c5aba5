#pragma once

// Threat intelligence written by the tests themselves (no third-party data): STIX 2.1 bundles
// and MISP events built from a few fields, an access log whose addresses and times the tests
// know, and a Zeek http.log with hosts and URIs.

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <vector>

namespace netcase::test {

struct StixSpec
{
    QString pattern;
    QString validFrom = QStringLiteral("2024-01-01T00:00:00Z");
    QString validUntil;  ///< empty: none
    int confidence = -1; ///< -1: none
    QStringList labels;
    QString id; ///< empty: derived from the pattern
};

/// A bundle with an identity ("Example CERT") that creates every indicator.
nlohmann::json stixBundle(const std::vector<StixSpec> &specs);

struct MispAttr
{
    QString type;
    QString value;
    bool toIds = true;
    QStringList tags;
};

/// {"Event": {...}} with info, threat_level_id, Orgc and attributes.
nlohmann::json mispEvent(const QString &uuid,
                         const QString &info,
                         int threatLevel,
                         const std::vector<MispAttr> &attrs,
                         const QString &org = QStringLiteral("Example ISAC"));

/// Writes j (or raw text) to a file in the test's temporary folder; returns its path.
QString writeJson(const QString &name, const nlohmann::json &j);
QString writeText(const QString &name, const QByteArray &text);

/// Access log lines from these addresses, one a minute from 2024-03-10 12:00 UTC.
QString accessLogFrom(const QString &name, const QStringList &ips);
/// A Zeek http.log: one request per (host, uri) from 10.1.1.1, one a minute from 2024-03-10.
QString zeekHttpLog(const QString &name, const QList<QPair<QString, QString>> &requests);

} // namespace netcase::test
