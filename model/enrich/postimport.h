#pragma once

// The enrichment step that runs after every import: it enriches the addresses that have no
// enrichment yet with the configured and discovered sources. With no database at all it still
// records address classes and says plainly that there is no geolocation.

#include "enricher.h"

#include <atomic>

namespace netcase {

class Database;

Result<EnrichSummary>
enrichAfterImport(Database &db, const EnrichProgressFn &progress, const std::atomic<bool> *cancel);

} // namespace netcase
