#pragma once

// Decodes one MaxMind DB record (libmaxminddb's flattened entry data list) into an IpRecord,
// whatever the layout: GeoIP2 nested maps (country.names.en, location.latitude, traits.*),
// the flat layout of DB-IP Lite / ip-location-db (country_code, city, latitude) and IPinfo Lite
// (asn "AS13335", as_name). Unknown fields are skipped.

struct MMDB_entry_data_list_s;

namespace netcase {

struct IpRecord;

struct DecodeResult
{
    bool ok = true;      ///< false when the list was malformed
    unsigned caps = 0;   ///< MmdbReader::Capability bits of the fields seen
    unsigned layout = 0; ///< 1 nested GeoIP2 maps, 2 flat, 4 IPinfo-style "AS" strings
};

DecodeResult decodeEntry(MMDB_entry_data_list_s *list, IpRecord &rec);

} // namespace netcase
