// EventWriter: interned ids stay right when the bounded cache evicts, raw records round-trip
// through the compressed blocks (by count and by bytes), and counts are exact; events collected
// by a BatchCollector and interned ahead by a BatchInterner (the import pipeline's path) are
// stored exactly as add() stores them, across restarts of its numbering and evictions of its
// maps. The dictionaries store many texts in one statement and still give each text its one row,
// when some were there before.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/eventjson.h"
#include "case/eventquery.h"
#include "store/batchinterner.h"
#include "store/dictionarywriter.h"
#include "store/eventwriter.h"
#include "store/internmap.h"
#include "store/rawblock.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace netcase;

namespace {

/// A new case holding source 1, for writers to store into.
Result<CaseFile> caseWithSource(const QString &name)
{
    auto c = CaseFile::create(test::tempPath(name), CaseInfo{});
    if (!c)
        return c.error();
    if (Status s = c->db().exec("INSERT INTO sources(id, name, path, sha256, size, format, "
                                "imported_at) VALUES (1, 'w', 'w', 'x', 0, 'test', 'now')");
        !s.ok())
        return s.error();
    return c;
}

} // namespace

class TestEventWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dictionaryStoresManyAsOneRowPerText()
    {
        auto c = caseWithSource(QStringLiteral("dict.netcase"));
        QVERIFY(c.ok());
        Database &db = c->db();
        DictionaryWriter dict(db);
        for (bool ip : {false, true}) {
            const auto text = [ip](int i) {
                return ip ? (i % 2 ? "2001:db8::" : "192.0.2.") + std::to_string(i % 200)
                          : "text " + std::to_string(i);
            };
            // 3 stored before; then 100 in chunks of 32: one chunk all new, one with a text
            // twice and one stored before, one with two stored before, and a remainder of 4.
            for (int i : {40, 70, 75})
                QVERIFY(dict.store(text(i), ip) > 0);
            std::vector<std::string> owned(100);
            for (int i = 0; i < 100; ++i)
                owned[size_t(i)] = text(i == 33 ? 34 : i);
            std::vector<std::string_view> texts(owned.begin(), owned.end());
            std::vector<std::int64_t> ids(texts.size());
            QVERIFY(dict.storeMany(texts, ip, ids.data()));
            Statement find = db.prepare(ip ? "SELECT id FROM ips WHERE ip = ?"
                                           : "SELECT id FROM strs WHERE s = ?");
            for (size_t i = 0; i < texts.size(); ++i) {
                find.bind(1, texts[i]);
                QVERIFY(find.step());
                QCOMPARE(ids[i], find.int64(0));
                find.reset();
            }
            QCOMPARE(db.scalar(ip ? "SELECT count(*) FROM ips" : "SELECT count(*) FROM strs"), 99);
        }
        QCOMPARE(db.scalar("SELECT count(*) FROM ips WHERE family = 6"), 49);
        QVERIFY(dict.error().isEmpty());
    }

    void internMapIsBounded()
    {
        InternMap m(10000);
        for (int i = 1; i <= 1000; ++i)
            m.insert("string number " + std::to_string(i), i);
        QVERIFY(m.evictions() > 0);
        QVERIFY(m.size() < 1000);
        QCOMPARE(m.find("string number 1000"), 1000); // the newest entry survives
        QCOMPARE(m.find("never inserted"), 0);
    }

    void internMapGrowsAndFindsEveryEntry()
    {
        InternMap m;
        for (int i = 1; i <= 50000; ++i)
            m.insert("s" + std::to_string(i), i);
        QCOMPARE(m.size(), size_t(50000));
        QCOMPARE(m.evictions(), 0);
        for (int i = 1; i <= 50000; ++i)
            QCOMPARE(m.find("s" + std::to_string(i)), std::int64_t(i));
        QCOMPARE(m.find("s0"), 0);
        QCOMPARE(m.find(""), 0);
    }

    void rawBlocksRoundTrip()
    {
        RawBlockBuilder b;
        const std::string longLine(100000, 'x');
        b.append(10, "first");
        b.append(11, "");
        b.append(12, longLine);
        b.append(13, "with\nnewline and \"quotes\"");
        QVERIFY(!b.full());
        PackedRawBlock p;
        b.pack(p);
        QVERIFY(b.empty());
        QCOMPARE(p.firstLine, 10);
        QCOMPARE(p.lastLine, 13);
        QCOMPARE(p.records, 4);
        const QByteArray blob(p.data.data(), qsizetype(p.data.size()));
        QCOMPARE(rawRecordFromBlock(blob, 10).value(), std::string("first"));
        QCOMPARE(rawRecordFromBlock(blob, 11).value(), std::string());
        QCOMPARE(rawRecordFromBlock(blob, 12).value(), longLine);
        QCOMPARE(rawRecordFromBlock(blob, 13).value(), std::string("with\nnewline and \"quotes\""));
        QVERIFY(!rawRecordFromBlock(blob, 14).has_value());
        for (int i = 0; i < 3; ++i)
            b.append(i, longLine);
        QVERIFY(b.full()); // full by bytes long before 512 records
    }

    void writerStoresExactlyWhatItIsGiven()
    {
        auto c = caseWithSource(QStringLiteral("w.netcase"));
        QVERIFY(c.ok());
        Database &db = c->db();
        Transaction tx(db);
        {
            EventWriter w(db, 1);
            for (int i = 1; i <= 1500; ++i) {
                Event e;
                e.line = i;
                e.timestampUs = 1000 + i;
                e.sourceIp = i % 2 ? "192.0.2." + std::to_string(i % 200) : "2001:db8::1";
                e.urlPath = "/u/" + std::to_string(i); // all distinct
                e.userName = i % 3 ? "alice" : "";
                QVERIFY(w.add(e, "raw " + std::to_string(i)).ok());
            }
            QVERIFY(w.reject(1501, "bad", "raw 1501").ok());
            QVERIFY(w.finish().ok());
            QCOMPARE(w.events(), 1500);
            QCOMPARE(w.rejects(), 1);
            QCOMPARE(w.firstTs(), 1001);
            QCOMPARE(w.lastTs(), 2500);
            // A second writer (a second source) finds the strings the first one stored.
            EventWriter again(db, 1);
            QCOMPARE(again.internString("/u/7"), w.internString("/u/7"));
            QCOMPARE(again.internIp("2001:db8::1"), w.internIp("2001:db8::1"));
        }
        QVERIFY(tx.commit().ok());
        QCOMPARE(db.scalar("SELECT count(*) FROM events"), 1500);
        QCOMPARE(db.scalar("SELECT count(DISTINCT url) FROM events"), 1500);
        QCOMPARE(db.scalar("SELECT count(*) FROM events WHERE user IS NULL"), 500);
        QCOMPARE(db.scalar("SELECT family FROM ips WHERE ip = '2001:db8::1'"), 6);
        const EventQuery q(db);
        const auto at = [](std::int64_t source, std::int64_t line) {
            EventRow row;
            row.sourceId = source;
            row.event.line = line;
            return row;
        };
        // One query object keeps the last block it read: forwards, backwards and across the
        // blocks' edges it must still answer each line's own record.
        for (int line : {1, 511, 512, 513, 1024, 1500, 1499, 513, 512, 2, 1})
            QCOMPARE(q.raw(at(1, line)).value(), "raw " + std::to_string(line));
        QVERIFY(!q.raw(at(1, 1501)).has_value()); // the rejected line is not an event's record
        QVERIFY(!q.raw(at(2, 5)).has_value());    // no such source
        QCOMPARE(q.raw(at(1, 5)).value(), std::string("raw 5"));
        EventFilter f;
        f.ips << QStringLiteral("192.0.2.7");
        QCOMPARE(q.count(f), 8); // lines 7, 207, ..., 1407
    }

    void streamedRowsEqualPagedRows()
    {
        // forEach() resolves the dictionary ids itself, rows() through SQL: both must give the
        // same events, every text column included.
        auto c = caseWithSource(QStringLiteral("rows.netcase"));
        QVERIFY(c.ok());
        Database &db = c->db();
        Transaction tx(db);
        {
            EventWriter w(db, 1);
            for (int i = 1; i <= 700; ++i) {
                Event e;
                e.line = i;
                e.timestampUs = 5000 + i;
                e.tzOffsetMin = std::int16_t(i % 3 ? 60 : -300);
                e.outcome = Outcome(i % 3);
                e.category = "web";
                e.action = i % 2 ? "login" : "http_request";
                e.sourceIp = "198.51.100." + std::to_string(i % 50);
                e.sourcePort = i % 5 ? 40000 + i : -1;
                e.sourceDomain = i % 7 ? "" : "ec2.amazonaws.com";
                e.clientIp = i % 4 ? "" : "2001:db8::" + std::to_string(i % 9);
                e.destinationIp = i % 6 ? "" : "203.0.113.5";
                e.destinationDomain = "www.example.org";
                e.hostName = "web-" + std::to_string(i % 3);
                e.userName = i % 3 ? "björn" : "";
                e.userAgent = "agent/" + std::to_string(i % 11);
                e.httpMethod = "GET";
                e.urlPath = "/p/" + std::to_string(i);
                e.transport = "tcp";
                e.sessionId = "s" + std::to_string(i / 10);
                e.deviceId = i % 8 ? "" : "d1";
                e.mfa = i % 9 ? "" : "push:approved";
                e.labels = i % 2 ? R"({"k":"v"})" : "";
                e.statusCode = 200 + i % 3;
                e.bodyBytes = i;
                QVERIFY(w.add(e, "raw").ok());
            }
            QVERIFY(w.finish().ok());
        }
        QVERIFY(tx.commit().ok());
        const EventQuery q(db);
        std::vector<EventRow> streamed;
        q.forEach({}, [&](const EventRow &r) {
            streamed.push_back(r);
            return true;
        });
        const std::vector<EventRow> paged = q.rows(q.ids({}));
        QCOMPARE(streamed.size(), size_t(700));
        QCOMPARE(paged.size(), streamed.size());
        for (size_t i = 0; i < paged.size(); ++i) {
            QCOMPARE(streamed[i].id, paged[i].id);
            QCOMPARE(streamed[i].sourceName, paged[i].sourceName);
            QCOMPARE(eventToEcs(streamed[i]).dump(), eventToEcs(paged[i]).dump());
        }
        QCOMPARE(streamed[3].event.clientIp, std::string("2001:db8::4"));
        QCOMPARE(streamed[6].event.sourceDomain, std::string("ec2.amazonaws.com"));
    }

    void internedBatchesStoreWhatAddStores()
    {
        // Distinct and repeating values in every text column, empty ones, both address families.
        auto makeEvent = [](int i) {
            Event e;
            e.line = i;
            e.timestampUs = 5000 + i;
            e.tzOffsetMin = std::int16_t(i % 3 ? 60 : -300);
            e.outcome = i % 4 ? Outcome::Success : Outcome::Failure;
            for (const TextColumn &c : kTextColumns)
                e.*c.field = c.ip ? (i % 5 ? "198.51.100." + std::to_string(i % 97)
                                           : "2001:db8::" + std::to_string(i % 13))
                                  : std::string(c.repeats ? "r" : "d") + std::to_string(c.column)
                                             + "-" + std::to_string(c.repeats ? i / 50 : i % 300);
            if (i % 7 == 0)
                e.userAgent.clear();
            if (i % 11 == 0)
                e.category.clear();
            e.statusCode = i % 9 ? 200 : -1;
            e.labels = i % 2 ? R"({"n":)" + std::to_string(i) + "}" : "";
            return e;
        };
        auto dump = [](Database &db) {
            QStringList rows;
            // Text columns by their text: the two paths may number the dictionaries differently.
            const char *sql
                    = "SELECT line, ts, tz_offset, outcome, status, labels, "
                      "(SELECT s FROM strs WHERE id = category), (SELECT s FROM strs WHERE id = "
                      "action), (SELECT ip FROM ips WHERE id = source_ip), (SELECT s FROM strs "
                      "WHERE id = source_domain), (SELECT ip FROM ips WHERE id = client_ip), "
                      "(SELECT ip FROM ips WHERE id = destination_ip), (SELECT s FROM strs WHERE "
                      "id = destination_domain), (SELECT s FROM strs WHERE id = host), (SELECT s "
                      "FROM strs WHERE id = user), (SELECT s FROM strs WHERE id = user_agent), "
                      "(SELECT s FROM strs WHERE id = http_method), (SELECT s FROM strs WHERE id "
                      "= url), (SELECT s FROM strs WHERE id = transport), (SELECT s FROM strs "
                      "WHERE id = session), (SELECT s FROM strs WHERE id = device), (SELECT s "
                      "FROM strs WHERE id = mfa) FROM events ORDER BY line";
            Statement st = db.prepare(sql);
            while (st.step()) {
                QStringList cells;
                for (int col = 0; col < 22; ++col)
                    cells << (st.isNull(col) ? QStringLiteral("NULL") : st.text(col));
                rows << cells.join(QLatin1Char('|'));
            }
            return rows;
        };
        constexpr int kEvents = 3000;
        QStringList expected, got;
        for (bool interned : {false, true}) {
            auto c = caseWithSource(interned ? QStringLiteral("i.netcase")
                                             : QStringLiteral("d.netcase"));
            QVERIFY(c.ok());
            Database &db = c->db();
            Transaction tx(db);
            EventWriter w(db, 1);
            if (!interned) {
                for (int i = 1; i <= kEvents; ++i)
                    QVERIFY(w.add(makeEvent(i), "raw").ok());
            } else {
                // Restart the numbering every few hundred ids, evict the maps often.
                BatchCollector collector;
                BatchInterner interner(400, 4000);
                InternedEvents batch;
                int restarts = 0;
                for (int i = 1; i <= kEvents;) {
                    collector.begin(batch);
                    for (int n = 0; n < 100 && i <= kEvents; ++n, ++i) {
                        Event e = makeEvent(i);
                        collector.add(e, batch);
                    }
                    interner.intern(batch);
                    restarts += batch.restart ? 1 : 0;
                    QVERIFY(w.addInterned(batch).ok());
                }
                QVERIFY(restarts > 3);
            }
            QVERIFY(w.finish().ok());
            QCOMPARE(w.events(), kEvents);
            QCOMPARE(w.firstTs(), 5001);
            QCOMPARE(w.lastTs(), 5000 + kEvents);
            QVERIFY(tx.commit().ok());
            (interned ? got : expected) = dump(db);
        }
        QCOMPARE(expected.size(), kEvents);
        QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(TestEventWriter)
#include "tst_eventwriter.moc"
