// The fast import path: the hardware SHA-256 matches Qt's, the parse pipeline hands every
// record over in order and survives parser exceptions and early stops, counts and raw records
// are exact across raw-block boundaries, and a cancelled first import (the one that defers the
// events indexes) leaves the case with the same rows and the same indexes.

#include "common/rawrecords.h"
#include "common/testutil.h"

#include "api/inputstream.h"
#include "case/casefile.h"
#include "case/eventquery.h"
#include "ingest/hashingstream.h"
#include "ingest/importjob.h"
#include "ingest/parsepipeline.h"
#include "ingest/sha256.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>
#include <map>
#include <random>

using namespace netcase;

namespace {

/// A parser that emits n events (every 7th line a reject), optionally throwing midway.
class FakeImporter final : public Importer
{
public:
    FakeImporter(int n, int throwAt = -1, size_t agentPadding = 0)
        : m_n(n)
        , m_throwAt(throwAt)
        , m_agentPadding(agentPadding)
    {}
    QString name() const override { return QStringLiteral("fake"); }
    QString label() const override { return name(); }
    int detect(std::string_view) const override { return 0; }
    Status parse(InputStream &, ParseContext &ctx) const override
    {
        Event e;
        for (int i = 1; i <= m_n; ++i) {
            if (i == m_throwAt)
                throw std::runtime_error("boom");
            if (i % 64 == 0 && !ctx.progress(i))
                return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
            const std::string raw = "line " + std::to_string(i);
            if (i % 7 == 0) {
                ctx.sink.reject(i, RejectKind::Syntax, "seventh", raw);
                continue;
            }
            e.line = i;
            e.timestampUs = i;
            e.userAgent = "agent " + std::to_string(i % 5);
            e.userAgent.append(m_agentPadding, '.');
            ctx.sink.event(std::move(e), raw);
        }
        return {};
    }

private:
    int m_n;
    int m_throwAt;
    size_t m_agentPadding;
};

QString tableCounts(const Database &db)
{
    QStringList out;
    for (const char *t : {"events", "rejects", "sources", "raw_blocks", "strs", "ips", "audit_log"})
        out << QString::number(db.scalar(std::string("SELECT count(*) FROM ") + t));
    out << QString::number(db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                     "AND tbl_name = 'events'"));
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestAccessLogImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sha256MatchesQt()
    {
        std::mt19937 rng(7);
        std::string data(5000, '\0');
        for (char &c : data)
            c = char(rng());
        for (size_t len : {0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4999}) {
            for (size_t chunk : {size_t(1), size_t(13), size_t(64), size_t(4096)}) {
                Sha256 h;
                for (size_t p = 0; p < len; p += chunk)
                    h.addData(std::string_view(data).substr(p, std::min(chunk, len - p)));
                const QByteArray expected = QCryptographicHash::hash(
                        QByteArrayView(data.data(), qsizetype(len)), QCryptographicHash::Sha256);
                QCOMPARE(h.result().toHex(), expected.toHex());
            }
        }
    }

    void pipelineKeepsOrderAndCounts()
    {
        FakeImporter imp(5000);
        auto in = memoryStream("x");
        std::atomic<bool> cancel{false};
        ParsePipeline pipe(imp, *in, ImportOptions{}, QStringLiteral("fake"), cancel);
        pipe.start();
        std::int64_t expectLine = 1, events = 0, rejects = 0, rawRecords = 0;
        std::map<std::int64_t, std::string> texts; // provisional id -> text, as the writer sees it
        while (EventBatch *b = pipe.next()) {
            QVERIFY(!b->events.restart);
            for (const auto &t : b->events.added) {
                QVERIFY(!texts.count(t.id));
                texts[t.id] = std::string(b->events.textOf(t));
            }
            for (size_t i = 0; i < b->events.count; ++i) {
                if (expectLine % 7 == 0)
                    ++expectLine;
                const EventInts &row = b->events.rows[i];
                QCOMPARE(row[ColLine], expectLine);
                QCOMPARE(texts[row[ColUserAgent]], "agent " + std::to_string(expectLine % 5));
                ++expectLine;
            }
            events += std::int64_t(b->events.count);
            rejects += std::int64_t(b->rejectCount);
            rawRecords += b->raw.records;
            pipe.recycle(b);
        }
        QVERIFY(pipe.finish().ok());
        QCOMPARE(rejects, 5000 / 7);
        QCOMPARE(events, 5000 - 5000 / 7);
        QCOMPARE(rawRecords, events);
    }

    void pipelineSealsBatchesByTextBytes()
    {
        // 20 KB user agents: 512 of them would make a 10 MB batch; the pool's memory stays
        // bounded only if batches are sealed by their text's size too.
        constexpr size_t kPadding = 20000;
        FakeImporter imp(3000, -1, kPadding);
        auto in = memoryStream("x");
        std::atomic<bool> cancel{false};
        ParsePipeline pipe(imp, *in, ImportOptions{}, QStringLiteral("fake"), cancel);
        pipe.start();
        std::int64_t events = 0, batches = 0;
        while (EventBatch *b = pipe.next()) {
            const size_t bytes = b->events.text.size() + b->events.labelText.size();
            QVERIFY(bytes < ParsePipeline::kMaxBatchText + kPadding + 100);
            QVERIFY(b->events.count < ParsePipeline::kBatchEvents);
            events += std::int64_t(b->events.count);
            ++batches;
            pipe.recycle(b);
        }
        QVERIFY(pipe.finish().ok());
        QCOMPARE(events, 3000 - 3000 / 7);
        const auto perBatch = std::int64_t(ParsePipeline::kMaxBatchText + kPadding + 100);
        QVERIFY(batches >= events * std::int64_t(kPadding) / perBatch);
    }

    void parserExceptionFailsTheSourceOnly()
    {
        FakeImporter imp(5000, 3000);
        auto in = memoryStream("x");
        std::atomic<bool> cancel{false};
        ParsePipeline pipe(imp, *in, ImportOptions{}, QStringLiteral("fake"), cancel);
        pipe.start();
        while (EventBatch *b = pipe.next())
            pipe.recycle(b);
        const Status s = pipe.finish();
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("boom")));
    }

    void stopUnblocksAParserWaitingForBatches()
    {
        FakeImporter imp(1000000);
        auto in = memoryStream("x");
        std::atomic<bool> cancel{false};
        ParsePipeline pipe(imp, *in, ImportOptions{}, QStringLiteral("fake"), cancel);
        pipe.start();
        EventBatch *first = pipe.next(); // never recycled: the parser runs out of batches
        QVERIFY(first);
        pipe.stop();
        QVERIFY(!pipe.finish().ok());
    }

    void rawRecordsAndHashAreExact()
    {
        // Referers and many URLs; blocks filled by bytes are tested in tst_rawform, since these
        // canonical lines are all kept as forms.
        const QString log = test::tempPath(QStringLiteral("raw.log"));
        QVERIFY(test::generate(QStringLiteral("gen_accesslog"),
                               {QStringLiteral("--lines"), QStringLiteral("3000"),
                                QStringLiteral("--referer-percent"), QStringLiteral("80"),
                                QStringLiteral("--url-variety"), QStringLiteral("500"),
                                QStringLiteral("--bad-every"), QStringLiteral("101"),
                                QStringLiteral("--out"), log}));
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        const QList<QByteArray> lines = content.split('\n');
        auto c = CaseFile::create(test::tempPath(QStringLiteral("raw.netcase")), CaseInfo{});
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        auto rep = ImportJob({log}, ImportOptions{}).run(*c, {}, cancel);
        QVERIFY(rep.ok());
        QCOMPARE(rep->rejects(), 3000 / 101);
        QCOMPARE(rep->events(), 3000 - 3000 / 101);
        QCOMPARE(rep->sources[0].sha256,
                 QString::fromLatin1(
                         QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
        // Every event's record, stored or rebuilt from its fields, is its line byte for byte.
        const EventQuery q(c->db());
        int events = 0;
        q.forEach(EventFilter{}, [&](const EventRow &row) {
            const auto raw = q.raw(row);
            if (!raw || QByteArray::fromStdString(*raw) != lines[int(row.event.line) - 1]) {
                qWarning("line %lld: %s", (long long)row.event.line,
                         raw ? raw->c_str() : "(no record)");
                return false;
            }
            ++events;
            return true;
        });
        QCOMPARE(events, rep->events());
        // The generator writes canonical combined lines: all of them are kept as forms.
        QCOMPARE(test::countRebuiltRecords(c->db()), rep->events());
        QCOMPARE(c->db().scalar("SELECT sum(last_line - first_line + 1) >= count(*) FROM "
                                "raw_blocks"),
                 1);
        // The store's posting lists and time ranges answer as a full scan does ("+col" keeps
        // SQLite from handing the constraint to the store).
        auto &db = c->db();
        QVERIFY(db.scalar("SELECT count(*) FROM event_postings WHERE kind = 1") > 0);
        QCOMPARE(db.scalar("SELECT count(*) FROM events WHERE source_ip = 7"),
                 db.scalar("SELECT count(*) FROM events WHERE +source_ip = 7"));
        const std::int64_t mid = db.scalar("SELECT (min(ts) + max(ts)) / 2 FROM events");
        QCOMPARE(db.scalar("SELECT count(*) FROM events WHERE ts >= " + std::to_string(mid)),
                 db.scalar("SELECT count(*) FROM events WHERE +ts >= " + std::to_string(mid)));
    }

    void cancelledFirstImportKeepsIndexesAndRows()
    {
        const QString big = test::makeAccessLog(QStringLiteral("cancel-first.log"), 200000, 3000);
        QVERIFY(!big.isEmpty());
        auto c = CaseFile::create(test::tempPath(QStringLiteral("cf.netcase")), CaseInfo{});
        QVERIFY(c.ok());
        const QString before = tableCounts(c->db());
        std::atomic<bool> cancel{false};
        auto rep = ImportJob({big}, ImportOptions{})
                           .run(
                                   *c,
                                   [&](const ImportProgress &p) {
                                       if (p.bytesDone > 0 && p.bytesDone < p.bytesTotal)
                                           cancel = true;
                                   },
                                   cancel);
        QVERIFY(!rep.ok());
        QCOMPARE(rep.error().code, ErrorCode::Cancelled);
        QCOMPARE(tableCounts(c->db()), before);
    }
};

QTEST_GUILESS_MAIN(TestAccessLogImport)
#include "tst_accesslogimport.moc"
