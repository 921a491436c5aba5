// The block event store: blocks round-trip every value, the `events` virtual table answers each
// of its plans (id, id list, id range, time range, posting lists, source) exactly as a model of
// the rows does, deletions are honoured on every path, the whole-store figures read from block
// metadata match a scan, and a schema-2 case migrates its rows.

#include "common/oldcase.h"
#include "common/testutil.h"

#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/migrations.h"
#include "case/sqlite.h"
#include "store/eventblock.h"
#include "store/eventstore.h"

#include <QTest>

#include <map>
#include <optional>
#include <random>
#include <set>

using namespace netcase;

namespace {

struct Row
{
    std::int64_t id = 0;
    std::int64_t source = 0;
    EventInts ints{};
    std::string labels;
    bool labelsNull = true;
};

// Ids of the rows a query returns, ascending.
std::vector<std::int64_t> ids(const Database &db, const std::string &where)
{
    std::vector<std::int64_t> out;
    Statement st = db.prepare("SELECT id FROM events WHERE " + where);
    while (st.step())
        out.push_back(st.int64(0));
    std::sort(out.begin(), out.end());
    return out;
}

template<typename Pred>
std::vector<std::int64_t>
expected(const std::vector<Row> &rows, const std::set<std::int64_t> &deleted, Pred pred)
{
    std::vector<std::int64_t> out;
    for (const Row &r : rows)
        if (!deleted.count(r.id) && pred(r))
            out.push_back(r.id);
    return out;
}

/// A new case whose sources table has ids 1..sources (events then go straight to the store).
std::optional<CaseFile> caseWithSources(const QString &name, int sources)
{
    auto c = CaseFile::create(test::tempPath(name), CaseInfo{});
    if (!c)
        return std::nullopt;
    for (int id = 1; id <= sources; ++id) {
        const std::string v = "'s" + std::to_string(id) + "'";
        if (!c->db().exec("INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                          "VALUES ("
                          + std::to_string(id) + ", " + v + ", " + v + ", " + v
                          + ", 0, 't', 'now')"))
            return std::nullopt;
    }
    return std::move(*c);
}

} // namespace

class TestEventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blockRoundTripsEveryValue()
    {
        std::mt19937_64 rng(3);
        BlockBuilder b;
        std::vector<EventInts> rows;
        std::vector<std::string> labels;
        for (int i = 0; i < 1000; ++i) {
            EventInts r;
            for (int c = 0; c < kIntColumns; ++c) {
                const auto pick = rng() % 6;
                r[size_t(c)] = pick == 0   ? kNull
                               : pick == 1 ? -std::int64_t(rng() % 1000)
                               : pick == 2 ? INT64_MAX - std::int64_t(rng() % 3)
                               : pick == 3 ? INT64_MIN + 1
                                           : std::int64_t(rng() % 100000);
            }
            r[ColTs] = r[ColTs] == kNull ? 0 : r[ColTs];
            rows.push_back(r);
            labels.push_back(i % 3 == 0 ? std::string() : "{\"n\":" + std::to_string(i) + "}");
            b.append(r, labels.back(), i % 3 == 0);
        }
        std::string blob;
        b.encode(blob);
        DecodedBlock d;
        QVERIFY(d.reset(100, 7, 1000, blob.data(), blob.size()));
        QCOMPARE(d.firstId(), std::int64_t(100));
        QCOMPARE(d.sourceId(), std::int64_t(7));
        for (int i = 0; i < 1000; ++i) {
            for (int c = 0; c < kIntColumns; ++c)
                QCOMPARE(d.value(c, i), rows[size_t(i)][size_t(c)]);
            bool isNull = false;
            const std::string_view l = d.labels(i, isNull);
            QCOMPARE(isNull, i % 3 == 0);
            QCOMPARE(std::string(l), labels[size_t(i)]);
        }
        // A block that is not one, or whose count disagrees, is refused; a cut one reads as
        // NULLs past the cut, never out of bounds.
        QVERIFY(!d.reset(1, 1, 1000, "junk", 4));
        QVERIFY(!d.reset(1, 1, 999, blob.data(), blob.size()));
        QVERIFY(!d.reset(1, 1, 1000, blob.data(), blob.size() / 2));
    }

    void virtualTableAgreesWithTheRows()
    {
        auto c = caseWithSources(QStringLiteral("store.netcase"), 3);
        QVERIFY(c);
        Database &db = c->db();
        std::mt19937_64 rng(11);
        std::vector<Row> rows;
        Transaction tx(db);
        // Three sources of 5000, 9000 and 300 events (several blocks each, the last partial),
        // times out of order, a gap in the ids of the second.
        std::int64_t id = nextEventId(db);
        QCOMPARE(id, std::int64_t(1));
        for (std::int64_t source : {1, 2, 3}) {
            const int n = source == 1 ? 5000 : source == 2 ? 9000 : 300;
            EventStoreWriter w(db, source, id);
            for (int i = 0; i < n; ++i) {
                if (source == 2 && i == 4500)
                    QVERIFY(w.skipTo(w.nextId() + 17));
                Row r;
                r.source = source;
                r.ints.fill(kNull);
                r.ints[ColLine] = i + 1;
                r.ints[ColTs] = 1000000 + std::int64_t(rng() % 100000) * 1000;
                r.ints[ColOutcome] = int(rng() % 3);
                r.ints[ColSourceIp] = 1 + std::int64_t(rng() % 50);
                if (rng() % 4 == 0)
                    r.ints[ColClientIp] = 1 + std::int64_t(rng() % 20);
                if (rng() % 2 == 0)
                    r.ints[ColUser] = 100 + std::int64_t(rng() % 20);
                r.labelsNull = rng() % 2 == 0;
                if (!r.labelsNull)
                    r.labels = "{\"i\":" + std::to_string(i) + "}";
                auto added = w.append(r.ints, r.labels, r.labelsNull);
                QVERIFY(added);
                r.id = *added;
                rows.push_back(r);
            }
            QVERIFY(w.finish());
            id = nextEventId(db);
        }
        QCOMPARE(id, rows.back().id + 1);
        std::set<std::int64_t> deleted;
        for (std::int64_t d : {std::int64_t(2), std::int64_t(4097), rows[9000].id}) {
            deleted.insert(d);
        }
        QVERIFY(deleteEvents(db, {deleted.begin(), deleted.end()}));
        QVERIFY(db.exec("DELETE FROM events WHERE id = " + std::to_string(rows[12000].id)));
        deleted.insert(rows[12000].id);
        QVERIFY(tx.commit());

        const std::int64_t mid = rows[7000].id;
        const std::int64_t t1 = 1000000 + 30000 * 1000, t2 = 1000000 + 31000 * 1000;
        const std::int64_t someTs = rows[8000].ints[ColTs];
        struct Case
        {
            std::string where;
            std::function<bool(const Row &)> pred;
        };
        const std::vector<Case> cases = {
                {"1",
                 [](const Row &) {
                     return true;
                 }},
                {"id = 3",
                 [](const Row &r) {
                     return r.id == 3;
                 }},
                {"id = 2",
                 [](const Row &r) {
                     return r.id == 2;
                 }},
                {"id IN (1, 4096, 4097, 5000, 99999)",
                 [](const Row &r) {
                     return r.id == 1 || r.id == 4096 || r.id == 5000;
                 }},
                {"id >= " + std::to_string(mid),
                 [&](const Row &r) {
                     return r.id >= mid;
                 }},
                {"id > 4095 AND id < 4200",
                 [](const Row &r) {
                     return r.id > 4095 && r.id < 4200;
                 }},
                {"ts >= " + std::to_string(t1) + " AND ts < " + std::to_string(t2),
                 [&](const Row &r) {
                     return r.ints[ColTs] >= t1 && r.ints[ColTs] < t2;
                 }},
                {"ts = " + std::to_string(someTs),
                 [&](const Row &r) {
                     return r.ints[ColTs] == someTs;
                 }},
                {"source_ip = 7",
                 [](const Row &r) {
                     return r.ints[ColSourceIp] == 7;
                 }},
                {"source_ip IN (7, 8)",
                 [](const Row &r) {
                     return r.ints[ColSourceIp] == 7 || r.ints[ColSourceIp] == 8;
                 }},
                {"user = 105",
                 [](const Row &r) {
                     return r.ints[ColUser] == 105;
                 }},
                {"client_ip = 3",
                 [](const Row &r) {
                     return r.ints[ColClientIp] == 3;
                 }},
                {"user IS NULL",
                 [](const Row &r) {
                     return r.ints[ColUser] == kNull;
                 }},
                {"source_id = 2",
                 [](const Row &r) {
                     return r.source == 2;
                 }},
                {"source_id = 2 AND id >= " + std::to_string(mid),
                 [&](const Row &r) {
                     return r.source == 2 && r.id >= mid;
                 }},
                {"source_ip = 7 AND ts >= " + std::to_string(t1),
                 [&](const Row &r) {
                     return r.ints[ColSourceIp] == 7 && r.ints[ColTs] >= t1;
                 }},
                {"source_ip = 'x'",
                 [](const Row &) {
                     return false;
                 }},
                {"ts >= NULL",
                 [](const Row &) {
                     return false;
                 }},
                {"id = 1.5",
                 [](const Row &) {
                     return false;
                 }},
        };
        for (const Case &k : cases)
            QVERIFY2(ids(db, k.where) == expected(rows, deleted, k.pred), k.where.c_str());

        // Column values, labels and the id order of a plain scan.
        Statement st = db.prepare("SELECT id, source_id, line, ts, outcome, source_ip, client_ip, "
                                  "user, labels, tz_offset FROM events ORDER BY id");
        size_t i = 0;
        while (st.step()) {
            while (deleted.count(rows[i].id))
                ++i;
            const Row &r = rows[i++];
            QCOMPARE(st.int64(0), r.id);
            QCOMPARE(st.int64(1), r.source);
            QCOMPARE(st.int64(2), r.ints[ColLine]);
            QCOMPARE(st.int64(3), r.ints[ColTs]);
            QCOMPARE(st.int64(4), r.ints[ColOutcome]);
            QCOMPARE(st.int64(5), r.ints[ColSourceIp]);
            QCOMPARE(st.isNull(6), r.ints[ColClientIp] == kNull);
            QCOMPARE(st.isNull(7), r.ints[ColUser] == kNull);
            QCOMPARE(st.isNull(8), r.labelsNull);
            QCOMPARE(std::string(st.textView(8)), r.labels);
            QVERIFY(st.isNull(9));
        }
        QCOMPARE(i, rows.size());
        // A join drives the id plan from another table.
        QCOMPARE(db.scalar("SELECT count(*) FROM sources s JOIN events e ON e.id = s.id"),
                 std::int64_t(2)); // ids 1 and 3 (2 is deleted)
        // Events are only ever added by importing.
        QVERIFY(!db.exec("INSERT INTO events(id, source_id, line, ts) VALUES (99999, 1, 1, 1)"));
        QVERIFY(!db.exec("UPDATE events SET line = 5 WHERE id = 1"));
        // A second connection (how large analyses read) sees the same.
        auto second = Database::open(db.path(), Database::Mode::ReadOnly);
        QVERIFY(second);
        QVERIFY(attachEventStore(*second));
        QCOMPARE(second->scalar("SELECT count(*) FROM events WHERE source_ip = 7"),
                 db.scalar("SELECT count(*) FROM events WHERE source_ip = 7"));
    }

    void storeStatsAgreeWithAScan()
    {
        auto c = caseWithSources(QStringLiteral("stats.netcase"), 2);
        QVERIFY(c);
        Database &db = c->db();
        const auto scan = [&db] {
            return EventStoreStats{db.scalar("SELECT count(*) FROM events"),
                                   db.scalar("SELECT min(ts) FROM events"),
                                   db.scalar("SELECT max(ts) FROM events"),
                                   db.scalar("SELECT count(DISTINCT user) FROM events "
                                             "WHERE user IS NOT NULL")};
        };
        const auto same = [](const EventStoreStats &a, const EventStoreStats &b) {
            return a.events == b.events && a.firstTs == b.firstTs && a.lastTs == b.lastTs
                   && a.distinctUsers == b.distinctUsers;
        };
        const EventStoreStats empty = eventStoreStats(db);
        QCOMPARE(empty.events, std::int64_t(0));
        QCOMPARE(empty.distinctUsers, std::int64_t(0));

        // Two sources over several blocks; the earliest event (line 1 of source 2) is the only
        // one of account 999, so deleting it changes the span and the accounts.
        std::int64_t earliest = 0;
        {
            Transaction tx(db);
            std::int64_t id = nextEventId(db);
            for (std::int64_t source : {1, 2}) {
                EventStoreWriter w(db, source, id);
                for (int i = 0; i < 6000; ++i) {
                    EventInts row;
                    row.fill(kNull);
                    row[ColLine] = i + 1;
                    row[ColTs] = 5000000 + std::int64_t((i * 7919) % 6000) * 1000 + source;
                    row[ColUser] = i % 3 == 0 ? kNull : 100 + i % 11;
                    if (source == 2 && i == 0) {
                        row[ColTs] = 1000;
                        row[ColUser] = 999;
                    }
                    auto added = w.append(row, {}, true);
                    QVERIFY(added);
                    if (source == 2 && i == 0)
                        earliest = *added;
                }
                QVERIFY(w.finish());
                id = nextEventId(db);
            }
            QVERIFY(tx.commit());
        }
        const EventStoreStats whole = eventStoreStats(db);
        QVERIFY(same(whole, scan()));
        QCOMPARE(whole.events, std::int64_t(12000));
        QCOMPARE(whole.firstTs, std::int64_t(1000));
        QCOMPARE(whole.distinctUsers, std::int64_t(12));
        QCOMPARE(EventQuery(db).count({}), std::int64_t(12000));

        // Deleted events stay in their blocks: the block bounds and postings would be stale.
        QVERIFY(deleteEvents(db, {earliest, earliest + 1}));
        const EventStoreStats after = eventStoreStats(db);
        QVERIFY(same(after, scan()));
        QCOMPARE(after.events, std::int64_t(11998));
        QVERIFY(after.firstTs > 1000);
        QCOMPARE(after.distinctUsers, std::int64_t(11));
        QCOMPARE(EventQuery(db).count({}), std::int64_t(11998));
    }

    void schemaTwoCaseMigratesItsEvents()
    {
        const QString path = test::tempPath(QStringLiteral("v2.netcase"));
        QVERIFY(test::makeSchemaTwoCase(path));
        auto c = CaseFile::open(path);
        QVERIFY2(c, c ? "" : qPrintable(c.error().message));
        Database &db = c->db();
        QCOMPARE(db.scalar("PRAGMA user_version"), std::int64_t(kSchemaVersion));
        QCOMPARE(db.scalar("SELECT count(*) FROM main.sqlite_master WHERE name = 'events'"),
                 std::int64_t(0));
        Statement st = db.prepare("SELECT id, source_id, line, ts, tz_offset, outcome, source_ip, "
                                  "user, status, labels FROM events ORDER BY id");
        QStringList got;
        while (st.step()) {
            QStringList cols;
            for (int i = 0; i < 10; ++i)
                cols << (st.isNull(i) ? QStringLiteral("-") : st.text(i));
            got << cols.join(QLatin1Char(' '));
        }
        QCOMPARE(got, QStringList({QStringLiteral("1 1 1 10 -300 1 5 9 200 -"),
                                   QStringLiteral("2 1 2 5 - 2 6 - - {\"a\":1}"),
                                   QStringLiteral("4 1 4 20 60 0 5 9 404 -"),
                                   QStringLiteral("5 2 1 7 - 1 - 9 - -")}));
        QCOMPARE(ids(db, "user = 9"), (std::vector<std::int64_t>{1, 4, 5}));
        QCOMPARE(ids(db, "source_ip = 5"), (std::vector<std::int64_t>{1, 4}));
        QCOMPARE(nextEventId(db), std::int64_t(6));

        // EventQuery reads in time order both ways: streamed when time order is id order
        // (ids 1 and 4), page by page when it is not (the whole case: times 10, 5, 20, 7).
        EventQuery q(db);
        auto order = [&](const EventFilter &f) {
            std::vector<std::int64_t> seen;
            q.forEach(f, [&](const EventRow &r) {
                seen.push_back(r.id);
                return true;
            });
            return seen;
        };
        EventFilter two;
        two.eventIds = {1, 4};
        QCOMPARE(order(two), (std::vector<std::int64_t>{1, 4}));
        QCOMPARE(order(EventFilter{}), (std::vector<std::int64_t>{2, 5, 1, 4}));
        QCOMPARE(q.ids(EventFilter{}), (std::vector<std::int64_t>{2, 5, 1, 4}));
        EventFilter limited;
        limited.limit = 3;
        QCOMPARE(order(limited), (std::vector<std::int64_t>{2, 5, 1}));
        EventFilter ann;
        ann.users = {QStringLiteral("ann")};
        QCOMPARE(order(ann), (std::vector<std::int64_t>{5, 1, 4}));
    }
};

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
