#pragma once

// What enrichment knows about one address, as it is assembled from several sources: the first
// source that has a value supplies it (city from one database, ASN from another, flags from a
// third) and provenance remembers which source that was, field by field.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace netcase {

struct IpRecord
{
    std::string countryIso;
    std::string countryName;
    std::string region;
    std::string city;
    std::optional<double> latitude;
    std::optional<double> longitude;
    int accuracyKm = -1;
    std::string timeZone;
    std::int64_t asn = -1;
    std::string asOrg;
    std::string isp;
    std::string organization;   ///< the ISP database's organisation (may differ from the ISP)
    std::string connectionType; ///< GeoIP2 Connection-Type value ("Cable/DSL", "Cellular", ...)
    std::string userType;       ///< GeoIP2 Enterprise/Insights traits.user_type when present
    bool anonymous = false;
    bool tor = false;
    bool vpn = false;
    bool proxy = false;
    bool hosting = false;
    bool residentialProxy = false;

    struct ListHit
    {
        std::string name;
        std::string category;
        std::string label; ///< the entry's label in a CSV list
        int source = -1;
    };
    /// The context lists the address is on.
    std::vector<ListHit> lists;
    /// ECS-like field name ("geo.city", "as.number", "flags.tor", "list.<name>") → source index.
    std::map<std::string, int> provenance;

    bool hasGeo() const { return !countryIso.empty() || latitude.has_value(); }
};

/// Copies the values of part that rec does not have yet, noting source as their provenance.
/// Flags are combined (any source may raise one).
void mergeRecord(IpRecord &rec, const IpRecord &part, int source);

} // namespace netcase
