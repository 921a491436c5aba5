// The import's audit digests of event blocks, posting lists and raw records are hashed by the
// writer from the bytes it writes (audit/chunkhash.h) instead of being read back: those hashes
// must be the ones the digest scan computes from the stored rows, or every case would fail
// `netcase verify` and cases of older builds would disagree with newer ones.

#include "common/testutil.h"

#include "audit/chunkhash.h"
#include "audit/sectiondigest.h"
#include "audit/trailcheck.h"
#include "case/casefile.h"
#include "ingest/importjob.h"
#include "store/eventwriter.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace netcase;

namespace {

using Rows = std::map<std::string, std::string>;

Rows auditRows(Database &db, const char *section)
{
    Rows out;
    Statement st = db.prepare("SELECT key, hash FROM audit_rows WHERE section = ?");
    st.bind(1, section);
    while (st.step())
        out[std::string(st.textView(0))] = std::string(st.textView(1));
    return out;
}

/// The section's chunk hashes as the digest scan computes them from the stored rows.
Rows readBack(Database &db, const char *section)
{
    Statement del = db.prepare("DELETE FROM audit_rows WHERE section = ?");
    del.bind(1, section);
    if (!del.exec().ok())
        qFatal("delete failed");
    if (!digest::refresh(db, {section}).ok())
        qFatal("refresh failed");
    return auditRows(db, section);
}

} // namespace

class TestWrittenDigests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writerHashesEqualTheRowsReadBack()
    {
        auto c = CaseFile::create(test::tempPath(QStringLiteral("writer.netcase")), CaseInfo{});
        QVERIFY(c.ok());
        Database &db = c->db();
        QVERIFY(db.exec("INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                        "VALUES (1, 'w', 'w', 'x', 0, 'test', 'now')")
                        .ok());
        EventWriter w(db, 1);
        // 10,000 events: three event blocks and twenty raw blocks, labels and NULLs included.
        for (int i = 1; i <= 10000; ++i) {
            Event e;
            e.line = i;
            e.timestampUs = 1000 + i * 7;
            e.sourceIp = "192.0.2." + std::to_string(i % 200);
            e.urlPath = "/u/" + std::to_string(i % 300);
            e.userName = i % 3 ? "alice" : "";
            e.sourcePort = i % 5 ? 40000 + i : -1;
            QVERIFY(w.add(e, "raw line " + std::to_string(i)).ok());
        }
        QVERIFY(w.finish().ok());
        const digest::KnownChunks known = w.knownChunks();
        const auto &blocks = known.sections.at("event_blocks");
        const auto &raw = known.sections.at("raw_blocks");
        QCOMPARE(blocks.size(), size_t(3));
        QCOMPARE(raw.size(), size_t(1)); // one chunk per source
        QCOMPARE(Rows(blocks.begin(), blocks.end()), readBack(db, "event_blocks"));
        QCOMPARE(Rows(raw.begin(), raw.end()), readBack(db, "raw_blocks"));
        // Posting lists: one chunk per flush; the marker row of a new store (first_id 0) is
        // not the writer's and is read back.
        const auto &postings = known.sections.at("event_postings");
        QCOMPARE(postings.size(), size_t(1));
        const Rows stored = readBack(db, "event_postings");
        QCOMPARE(stored.size(), postings.size() + 1);
        for (const auto &[key, hash] : postings)
            QCOMPARE(stored.at(key), hash);
    }

    void importDigestsVerifyAndEqualAReadBack()
    {
        // Two files in one import (the second source's digests reuse the first's known chunks),
        // then a third in another import (the digest reads back the chunk it was not given).
        const QString a = test::makeAccessLog(QStringLiteral("a.log"), 6000, 300, 97);
        const QString b = test::makeAccessLog(QStringLiteral("b.log"), 5000, 50);
        const QString d = test::makeAccessLog(QStringLiteral("d.log"), 3000, 20);
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !d.isEmpty());
        const QString path = test::tempPath(QStringLiteral("import.netcase"));
        {
            auto c = CaseFile::create(path, CaseInfo{});
            QVERIFY(c.ok());
            std::atomic<bool> cancel{false};
            auto first = ImportJob({a, b}, ImportOptions{}).run(*c, {}, cancel);
            QVERIFY(first.ok());
            QCOMPARE(first->sources.size(), size_t(2));
            auto second = ImportJob({d}, ImportOptions{}).run(*c, {}, cancel);
            QVERIFY(second.ok());
            const TrailCheck t = TrailCheck::run(c->db(), {});
            QVERIFY2(t.intact(), qPrintable(t.summary()));
            for (const char *section : {"event_blocks", "raw_blocks", "event_postings"}) {
                const Rows imported = auditRows(c->db(), section);
                QVERIFY(imported.size() >= 3);
                QCOMPARE(imported, readBack(c->db(), section));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestWrittenDigests)
#include "tst_writtendigests.moc"
