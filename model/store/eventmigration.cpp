// Migration 3: the rows of the events table (schema 1-2) move into the block store with their
// ids, then the table and its indexes are dropped. Runs inside the migration's transaction.

#include "case/sqlite.h"
#include "store/eventstore.h"

#include <memory>

namespace netcase {

Status moveEventsToStore(Database &db)
{
    Statement rows = db.prepare(
            "SELECT id, source_id, line, ts, tz_offset, outcome, category, action, source_ip, "
            "source_port, source_domain, client_ip, destination_ip, destination_port, "
            "destination_domain, host, user, user_agent, http_method, url, status, body_bytes, "
            "transport, session, device, mfa, source_bytes, destination_bytes, packets, duration, "
            "labels FROM main.events ORDER BY id");
    if (!rows.valid())
        return makeError(QStringLiteral("cannot read the events: %1").arg(db.lastError()));
    std::unique_ptr<EventStoreWriter> writer;
    std::int64_t source = -1;
    EventInts ints{};
    while (rows.step()) {
        const std::int64_t id = rows.int64(0);
        if (rows.int64(1) != source || !writer) {
            if (writer) {
                if (Status s = writer->finish(); !s.ok())
                    return s;
            }
            source = rows.int64(1);
            writer = std::make_unique<EventStoreWriter>(db, source, id);
        }
        if (Status s = writer->skipTo(id); !s.ok())
            return s;
        for (int c = 0; c < kIntColumns; ++c)
            ints[size_t(c)] = rows.isNull(2 + c) ? kNull : rows.int64(2 + c);
        if (auto added = writer->append(ints, rows.textView(30), rows.isNull(30)); !added)
            return added.error();
    }
    if (writer) {
        if (Status s = writer->finish(); !s.ok())
            return s;
    }
    rows = Statement();
    return db.exec("DROP TABLE main.events");
}

} // namespace netcase
