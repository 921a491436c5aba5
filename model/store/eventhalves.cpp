#include "eventhalves.h"

#include "case/sqlite.h"
#include "eventstore.h"

#include <sqlite3.h>

#include <optional>
#include <thread>

namespace netcase {

EventIdRange eventIdRange(const Database &db)
{
    EventIdRange r;
    r.lo = db.scalar("SELECT COALESCE(MIN(first_id), 0) FROM event_blocks");
    r.hi = db.scalar("SELECT COALESCE(MAX(first_id + count - 1), -1) FROM event_blocks");
    return r;
}

int readInHalves(const Database &db,
                 std::int64_t minEvents,
                 const std::function<void(const Database &, EventIdRange, int half)> &read)
{
    const EventIdRange all = eventIdRange(db);
    std::optional<Database> second;
    if (all.size() >= minEvents && sqlite3_get_autocommit(db.handle()) && !db.path().isEmpty()
        && std::thread::hardware_concurrency() > 1) {
        if (auto opened = Database::open(db.path(), Database::Mode::ReadOnly);
            opened && attachEventStore(*opened).ok())
            second.emplace(std::move(*opened));
    }
    if (!second) {
        read(db, all, 0);
        return 1;
    }
    const std::int64_t mid = all.lo + (all.hi - all.lo) / 2;
    std::thread upper([&] { read(*second, EventIdRange{mid + 1, all.hi}, 1); });
    read(db, EventIdRange{all.lo, mid}, 0);
    upper.join();
    return 2;
}

} // namespace netcase
