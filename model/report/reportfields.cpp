#include "reportfields.h"

#include "report/reportdata.h"

#include "case/sqlite.h"

#include <array>

namespace netcase {

namespace {

struct FieldText
{
    const char *field;
    const char *label;
    const char *count; ///< SQL expression over the current ip_info rows
    const char *why;
};

constexpr std::array<FieldText, 11> kFields = {{
        {"netcase.address_class", "Address class", "count(address_class)",
         "Private, loopback, carrier-grade NAT and documentation ranges are recognised from the "
         "address itself. Such an address never identifies a person or a place on its own."},
        {"source.geo.country_iso_code", "Country", "count(country_iso)",
         "Where the database places the network. A coarse hint: VPNs, mobile carriers and "
         "corporate gateways move traffic across borders."},
        {"source.geo.city_name", "Region and city", "count(city)",
         "A finer location, often the provider's registered office rather than the user."},
        {"source.geo.location", "Coordinates and accuracy radius", "count(latitude)",
         "Places the address on the map; the accuracy radius says how far off it may be, and "
         "impossible-travel findings use it to allow for that error."},
        {"source.geo.timezone", "Time zone", "count(time_zone)",
         "Lets an analyst judge whether activity happened at plausible local hours."},
        {"source.as.number", "Autonomous system", "count(asn)",
         "The network operator that announces the address. Every customer of that operator "
         "shares it, so it groups addresses but does not identify anyone."},
        {"source.as.organization.name", "AS organisation and ISP", "count(COALESCE(as_org, isp))",
         "The operator's name, used to tell home broadband from hosting and business networks."},
        {"netcase.network_type", "Network type", "count(network_type)",
         "Residential, mobile, business, hosting, education or government, inferred from the "
         "operator's name and flags. A heuristic: the reason is kept with each value."},
        {"netcase.anonymiser", "Anonymiser flags",
         "sum(is_anonymous OR is_tor OR is_vpn OR is_proxy OR is_residential_proxy)",
         "Tor, VPN, proxy and residential-proxy flags: traffic through them hides its real "
         "origin and the address is shared by many people. Counted: flagged addresses."},
        {"netcase.hosting", "Hosting flag", "sum(is_hosting)",
         "Data-centre addresses suggest automation or a relay rather than a person at home. "
         "Counted: flagged addresses."},
        {"netcase.lists", "Context lists", "sum(lists <> '[]')",
         "Membership in lists the analyst loaded (Tor exits, scanners, abuse reports, allow "
         "lists), each with its category. Counted: addresses on at least one list."},
}};

} // namespace

std::vector<EnrichFieldDoc> enrichmentFieldDocs(const Database &db, std::int64_t *addresses)
{
    std::string sql = "SELECT count(*)";
    for (const FieldText &f : kFields)
        sql += std::string(", COALESCE(") + f.count + ", 0)";
    sql += " FROM ip_info WHERE current = 1";
    Statement st = db.prepare(sql);
    const bool row = st.step();
    if (addresses)
        *addresses = row ? st.int64(0) : 0;
    std::vector<EnrichFieldDoc> out;
    int col = 1;
    for (const FieldText &f : kFields) {
        EnrichFieldDoc d;
        d.field = QString::fromLatin1(f.field);
        d.label = QString::fromLatin1(f.label);
        d.why = QString::fromLatin1(f.why);
        d.addresses = row ? st.int64(col) : 0;
        ++col;
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace netcase
