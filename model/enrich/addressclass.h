#pragma once

// Address classes that need no database: an address in one of these ranges never identifies a
// person on the internet, and some (carrier-grade NAT) are shared by many subscribers at once.
// What each class means for an analyst is caveat::addressClass() (caveats.h).

#include <QString>

namespace netcase {

struct IpKey;

/// "public", "private", "loopback", "link_local", "cgnat", "documentation", "multicast",
/// "reserved", "unspecified" or "ipv4_mapped" (an IPv4-mapped IPv6 text form of a public
/// IPv4 address; a mapped private/CGNAT address reports the inner class).
QString addressClass(const IpKey &key, bool writtenAsV6);

} // namespace netcase
