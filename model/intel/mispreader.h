#pragma once

// Reads MISP core format events (draft-dulaunoy-misp-core-format): `{"Event": {...}}`, the
// `{"response": [{"Event": ...}]}` of a search export, or a list of such objects. Attributes of
// the event and of its objects of types ip-src, ip-dst (an address or a CIDR network),
// ip-src|port, ip-dst|port (the address; the port is kept in the context), domain, hostname and
// url become indicators with the attribute's to_ids flag, the event's and the attribute's tags
// as labels, the event's threat_level_id (1 High, 2 Medium, 3 Low, 4 Undefined), its info as
// the name and its Orgc's name as the producer. MISP gives no validity window: such indicators
// are valid at any time (docs/INTEL.md); the attribute's timestamp is kept as when it was made.
// Other attribute types are counted in IntelFile::unsupported, per type. An event without an
// Event object, or an attribute without a type or value, is an Error.

#include "indicator.h"

#include "core/result.h"

#include <nlohmann/json_fwd.hpp>

namespace netcase::intel {

/// Adds the indicators of one MISP JSON document (event, search response or list) to out.
Status readMispEvents(const nlohmann::json &doc, IntelFile &out);

/// True when doc looks like a MISP event document (so the loader can tell it from STIX).
bool looksLikeMisp(const nlohmann::json &doc);

} // namespace netcase::intel
