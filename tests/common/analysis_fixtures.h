#pragma once

// Helpers for the analysis tests: enrichment rows written straight into ip_info (so the tests do
// not depend on .mmdb fixtures) and events written through the EventWriter.

#include <QString>

#include <cstdint>
#include <string>

namespace netcase {
class Database;
struct Event;
} // namespace netcase

namespace netcase::test {

struct IpFacts
{
    std::string country;
    double lat = 0;
    double lon = 0;
    int accuracyKm = 20;
    std::int64_t asn = 0;
    std::string asOrg;
    std::string networkType = "residential";
    bool tor = false;
    bool vpn = false;
    bool hosting = false;
};

/// Writes a current ip_info row for an address already in the case's ips table.
bool writeIpInfo(Database &db, const std::string &ip, const IpFacts &facts);
/// Writes ip_info rows from a gen_scenarios.py ipinfo.json for every address in the case.
int writeIpInfoJson(Database &db, const QString &path);
/// Runs scripts/gen_scenarios.py into dir; false when python3 is missing or it fails. scale
/// multiplies the background (ordinary users' traffic), not the episodes.
bool generateScenarios(const QString &dir, int seed = 20261005, int scale = 1);

} // namespace netcase::test
