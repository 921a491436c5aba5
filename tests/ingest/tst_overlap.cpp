// Overlapping files (a rotated log and its successor): events already in the case from another
// source of the same format are not stored twice; each repeat becomes a reject naming the earlier
// file, with its raw text, and is counted in the source's duplicates.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/sqlite.h"
#include "ingest/importjob.h"

#include <QFile>
#include <QTest>

using namespace netcase;

namespace {

QList<QByteArray> generatedLines()
{
    const QString log = test::tempPath(QStringLiteral("whole.log"));
    if (!test::generate(
                QStringLiteral("gen_accesslog"),
                {QStringLiteral("--lines"), QStringLiteral("3000"), QStringLiteral("--out"), log}))
        return {};
    QFile f(log);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = f.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QString writeLines(const QString &name, const QList<QByteArray> &lines, int from, int to)
{
    const QString path = test::tempPath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    for (int i = from; i < to; ++i)
        f.write(lines[i] + '\n');
    return path;
}

std::int64_t count(Database &db, const char *sql)
{
    return db.scalar(sql, -1);
}

} // namespace

class TestOverlap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rotatedLogsDoNotDuplicateEvents_data()
    {
        QTest::addColumn<bool>("oneJob");
        QTest::newRow("one import of both files") << true; // indexes deferred on a new case
        QTest::newRow("two imports") << false;
    }

    void rotatedLogsDoNotDuplicateEvents()
    {
        QFETCH(bool, oneJob);
        const QList<QByteArray> lines = generatedLines();
        QCOMPARE(lines.size(), 3000);
        // access.log.1 holds lines 1-2000, access.log lines 1501-3000: 500 in both.
        const QString older = writeLines(QStringLiteral("access.log.1"), lines, 0, 2000);
        const QString newer = writeLines(QStringLiteral("access.log"), lines, 1500, 3000);
        auto c = CaseFile::create(test::tempPath(oneJob ? QStringLiteral("overlap1.netcase")
                                                        : QStringLiteral("overlap2.netcase")),
                                  CaseInfo{});
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        std::vector<SourceReport> sources;
        if (oneJob) {
            auto rep = ImportJob({older, newer}, ImportOptions{}).run(*c, {}, cancel);
            QVERIFY(rep.ok());
            sources = rep->sources;
        } else {
            for (const QString &file : {older, newer}) {
                auto rep = ImportJob({file}, ImportOptions{}).run(*c, {}, cancel);
                QVERIFY(rep.ok());
                sources.push_back(rep->sources.front());
            }
        }
        QCOMPARE(int(sources.size()), 2);
        QCOMPARE(sources[0].events, std::int64_t(2000));
        QCOMPARE(sources[1].events, std::int64_t(1000));
        QCOMPARE(sources[1].duplicates, std::int64_t(500));
        QCOMPARE(sources[1].rejects, std::int64_t(500));

        Database &db = c->db();
        QCOMPARE(count(db, "SELECT count(*) FROM events"), std::int64_t(3000));
        QCOMPARE(count(db, "SELECT duplicates FROM sources WHERE name = 'access.log'"),
                 std::int64_t(500));
        // Each repeat is a reject of the newer file: its own line, the earlier file named, and
        // the original text kept.
        Statement rej = db.prepare("SELECT line, reason, raw FROM rejects ORDER BY line");
        int n = 0;
        while (rej.step()) {
            const std::int64_t line = rej.int64(0);
            QCOMPARE(line, std::int64_t(n + 1));
            QCOMPARE(rej.text(1), QStringLiteral("duplicate of an event already imported from "
                                                 "access.log.1 (overlapping files)"));
            QCOMPARE(rej.text(2).toUtf8(), lines[1500 + n]);
            ++n;
        }
        QCOMPARE(n, 500);
        // The repeats are gone from every access path: scans, ids and posting lists.
        QCOMPARE(count(db, "SELECT count(*) FROM events WHERE source_ip IN (SELECT id FROM ips)"),
                 std::int64_t(3000));
        QCOMPARE(count(db, "SELECT count(*) FROM event_deleted"), std::int64_t(500));
    }

    void repeatsWithinOneFileAndOtherFormatsAreKept()
    {
        // The same line twice in one file is two events (a log may repeat itself).
        const QByteArray line = "203.0.113.9 - - [10/Oct/2026:13:55:36 +0000] \"GET / HTTP/1.1\" "
                                "200 512 \"-\" \"curl/8.0\"\n";
        const QString twice = test::tempPath(QStringLiteral("twice.log"));
        QFile f(twice);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(line + line);
        f.close();
        auto c = CaseFile::create(test::tempPath(QStringLiteral("twice.netcase")), CaseInfo{});
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        auto rep = ImportJob({twice}, ImportOptions{}).run(*c, {}, cancel);
        QVERIFY(rep.ok());
        QCOMPARE(rep->events(), std::int64_t(2));
        QCOMPARE(rep->sources[0].duplicates, std::int64_t(0));

        // A different file with one new line and one already seen: one event, one duplicate.
        const QString more = test::tempPath(QStringLiteral("more.log"));
        QFile g(more);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(line);
        g.write("203.0.113.9 - - [10/Oct/2026:13:55:37 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" "
                "\"curl/8.0\"\n");
        g.close();
        rep = ImportJob({more}, ImportOptions{}).run(*c, {}, cancel);
        QVERIFY(rep.ok());
        QCOMPARE(rep->events(), std::int64_t(1));
        QCOMPARE(rep->sources[0].duplicates, std::int64_t(1));
        QCOMPARE(count(c->db(), "SELECT count(*) FROM events"), std::int64_t(3));
    }
};

QTEST_GUILESS_MAIN(TestOverlap)
#include "tst_overlap.moc"
