#pragma once

// Reading the events of a large case in two halves of their id range at once: the upper half on
// a thread of its own through a second read-only connection to the same file, the lower half on
// the caller's connection. The analysis' event reader and the query language's checks over raw
// records (words, phrases, regular expressions) both read every event; on two cores each takes
// a little over half the time.

#include <cstdint>
#include <functional>

namespace netcase {

class Database;

/// Event ids from lo to hi, both included (empty when hi < lo).
struct EventIdRange
{
    std::int64_t lo = 0;
    std::int64_t hi = -1;
    std::int64_t size() const { return hi < lo ? 0 : hi - lo + 1; }
};

/// The range of the stored events' ids (from the block index, without reading an event).
EventIdRange eventIdRange(const Database &db);

/// Calls read(connection, range, half) for half 0 (the lower ids, on db) and half 1 (on a
/// second connection, concurrently) and returns when both are done; returns how many halves
/// there were. One call over the whole range instead when it holds fewer than minEvents, when
/// db has a transaction open (a second connection would not see its uncommitted events), when
/// it has no file, when the machine has one core, or when the second connection cannot be
/// opened.
int readInHalves(const Database &db,
                 std::int64_t minEvents,
                 const std::function<void(const Database &, EventIdRange, int half)> &read);

} // namespace netcase
