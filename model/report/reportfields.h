#pragma once

// The enrichment fields Netcase collects for each address, why it collects them and what each
// can and cannot tell, with how many of the case's addresses have a value.

#include <cstdint>
#include <vector>

namespace netcase {

class Database;
struct EnrichFieldDoc;

/// One entry per field, in a fixed order; *addresses receives the number of enriched addresses.
std::vector<EnrichFieldDoc> enrichmentFieldDocs(const Database &db, std::int64_t *addresses);

} // namespace netcase
