#pragma once

// Whole-store figures of the event store (eventstore.h), for callers that need only these and
// not the block format's names.

#include <cstdint>

namespace netcase {

class Database;

/// Whole-store figures read from the blocks' own counts and time bounds and from the account
/// posting lists, without walking the events; when events were deleted (overlapping imports),
/// the time span and accounts come from a scan, since block bounds may then be too wide.
struct EventStoreStats
{
    std::int64_t events = 0;
    std::int64_t firstTs = 0; ///< valid when events > 0
    std::int64_t lastTs = 0;
    std::int64_t distinctUsers = 0;
};
EventStoreStats eventStoreStats(const Database &db);

} // namespace netcase
