#include "iprecord.h"

namespace netcase {

namespace {

void takeText(
        IpRecord &rec, std::string &dst, const std::string &src, const char *field, int source)
{
    if (dst.empty() && !src.empty()) {
        dst = src;
        rec.provenance[field] = source;
    }
}

void takeFlag(IpRecord &rec, bool &dst, bool src, const char *field, int source)
{
    if (!dst && src) {
        dst = true;
        rec.provenance[field] = source;
    }
}

} // namespace

void mergeRecord(IpRecord &rec, const IpRecord &part, int source)
{
    takeText(rec, rec.countryIso, part.countryIso, "geo.country_iso_code", source);
    takeText(rec, rec.countryName, part.countryName, "geo.country_name", source);
    takeText(rec, rec.region, part.region, "geo.region_name", source);
    takeText(rec, rec.city, part.city, "geo.city_name", source);
    // Coordinates, radius and zone travel together: mixing a point from one database with the
    // radius of another would describe neither.
    if (!rec.latitude && part.latitude && part.longitude) {
        rec.latitude = part.latitude;
        rec.longitude = part.longitude;
        rec.provenance["geo.location"] = source;
        if (rec.accuracyKm < 0 && part.accuracyKm >= 0) {
            rec.accuracyKm = part.accuracyKm;
            rec.provenance["geo.accuracy_km"] = source;
        }
    }
    takeText(rec, rec.timeZone, part.timeZone, "geo.timezone", source);
    if (rec.asn < 0 && part.asn >= 0) {
        rec.asn = part.asn;
        rec.provenance["as.number"] = source;
    }
    takeText(rec, rec.asOrg, part.asOrg, "as.organization.name", source);
    takeText(rec, rec.isp, part.isp, "isp", source);
    takeText(rec, rec.organization, part.organization, "organization", source);
    takeText(rec, rec.connectionType, part.connectionType, "connection_type", source);
    takeText(rec, rec.userType, part.userType, "user_type", source);
    takeFlag(rec, rec.anonymous, part.anonymous, "flags.anonymous", source);
    takeFlag(rec, rec.tor, part.tor, "flags.tor", source);
    takeFlag(rec, rec.vpn, part.vpn, "flags.vpn", source);
    takeFlag(rec, rec.proxy, part.proxy, "flags.proxy", source);
    takeFlag(rec, rec.hosting, part.hosting, "flags.hosting", source);
    takeFlag(rec, rec.residentialProxy, part.residentialProxy, "flags.residential_proxy", source);
}

} // namespace netcase
