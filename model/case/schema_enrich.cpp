#include "schema.h"

namespace netcase::schema {

// Every database and list used is recorded with its hash and build date; each ip_info row names
// the sources that produced it. Re-enrichment adds rows (current = 1) and keeps old ones
// (current = 0) for audit.
//   enrich_sources.kind: mmdb | asn_csv | list; type: database_type or list format; layout:
//     geoip2 | flat | ipinfo for MaxMind DB files; note: what it supplies.
//   ip_info.provenance: {"geo.city_name": <enrich_sources.id>, "as.number": ..., ...};
//   ip_info.lists: [{"name", "category", "label", "source"}]; ip_info.sources: [ids].
//   address_class: public, private, loopback, link_local, cgnat, documentation, multicast,
//     reserved, unspecified, ipv4_mapped. network_type: residential, mobile, business,
//     hosting, education, government, unknown.
const char *enrichV1()
{
    return R"SQL(
CREATE TABLE enrich_sources(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    type TEXT NOT NULL,
    layout TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    build_date TEXT,
    category TEXT,
    entries INTEGER,
    loaded_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE enrich_runs(
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    sources TEXT NOT NULL,
    ips INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE ip_info(
    id INTEGER PRIMARY KEY,
    ip_id INTEGER NOT NULL REFERENCES ips(id),
    run_id INTEGER NOT NULL REFERENCES enrich_runs(id),
    current INTEGER NOT NULL DEFAULT 1,
    address_class TEXT,
    country_iso TEXT,
    country_name TEXT,
    region TEXT,
    city TEXT,
    latitude REAL,
    longitude REAL,
    accuracy_km INTEGER,
    time_zone TEXT,
    asn INTEGER,
    as_org TEXT,
    isp TEXT,
    network_type TEXT,
    network_type_reason TEXT,
    is_anonymous INTEGER NOT NULL DEFAULT 0,
    is_tor INTEGER NOT NULL DEFAULT 0,
    is_vpn INTEGER NOT NULL DEFAULT 0,
    is_proxy INTEGER NOT NULL DEFAULT 0,
    is_hosting INTEGER NOT NULL DEFAULT 0,
    is_residential_proxy INTEGER NOT NULL DEFAULT 0,
    lists TEXT NOT NULL DEFAULT '[]',
    provenance TEXT NOT NULL DEFAULT '{}',
    sources TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX ip_info_ip ON ip_info(ip_id, current);
)SQL";
}

} // namespace netcase::schema
