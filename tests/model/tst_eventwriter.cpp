// EventWriter: interned ids stay right when the bounded cache evicts, raw records round-trip
// through the compressed blocks (by count and by bytes), and counts are exact.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/eventwriter.h"
#include "case/internmap.h"
#include "case/rawblock.h"

#include <QTest>

using namespace netcase;

class TestEventWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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
        auto c = CaseFile::create(test::tempPath(QStringLiteral("w.netcase")), CaseInfo{});
        QVERIFY(c.ok());
        Database &db = c->db();
        Transaction tx(db);
        QVERIFY(db.exec("INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                        "VALUES (1, 'w', 'w', 'x', 0, 'test', 'now')")
                        .ok());
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
        for (int line : {1, 511, 512, 513, 1024, 1500})
            QCOMPARE(q.raw(1, line).value(), "raw " + std::to_string(line));
        EventFilter f;
        f.ips << QStringLiteral("192.0.2.7");
        QCOMPARE(q.count(f), 8); // lines 7, 207, ..., 1407
    }
};

QTEST_GUILESS_MAIN(TestEventWriter)
#include "tst_eventwriter.moc"
