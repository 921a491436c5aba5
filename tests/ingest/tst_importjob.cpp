// The import job: N lines in, N events out with exact fields; rejects kept with line numbers;
// duplicates refused; cancel and failure leave the case exactly as it was.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/eventquery.h"
#include "core/timeutil.h"
#include "ingest/importjob.h"

#include <QFile>
#include <QTest>

using namespace netcase;

namespace {

CaseFile newCase(const QString &name)
{
    auto c = CaseFile::create(test::tempPath(name), CaseInfo{name});
    if (!c)
        qFatal("cannot create case: %s", qPrintable(c.error().message));
    return std::move(c.value());
}

Result<ImportReport> importFiles(CaseFile &c, const QStringList &files, const ImportOptions &o = {})
{
    std::atomic<bool> cancel{false};
    return ImportJob(files, o).run(c, {}, cancel);
}

struct Counts
{
    std::int64_t events, rejects, sources, raw, strs, ips, audit;
    bool operator==(const Counts &) const = default;
};

Counts counts(const Database &db)
{
    return {db.scalar("SELECT count(*) FROM events"),
            db.scalar("SELECT count(*) FROM rejects"),
            db.scalar("SELECT count(*) FROM sources"),
            db.scalar("SELECT count(*) FROM raw_blocks"),
            db.scalar("SELECT count(*) FROM strs"),
            db.scalar("SELECT count(*) FROM ips"),
            db.scalar("SELECT count(*) FROM audit_log")};
}

} // namespace

class TestImportJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripExactFields()
    {
        const QString log = test::tempPath(QStringLiteral("exact.log"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("203.0.113.7 - alice [10/Oct/2023:13:55:36 -0700] \"GET /a?b=1 HTTP/1.1\" 200 "
                "2326 \"http://ref.example/\" \"Mozilla/5.0 \\\"quoted\\\"\"\n"
                "2001:0db8:0000:0000:0000:0000:0000:0001 - - [10/Oct/2023:20:55:37 +0000] "
                "\"POST /login HTTP/1.1\" 401 - \"-\" \"curl/8.0\"\n"
                "garbage line\n"
                "\n"
                "10.0.0.5 - - [10/Oct/2023:20:55:38 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\" "
                "\"198.51.100.77, 10.0.0.1\"\n");
        f.close();
        CaseFile c = newCase(QStringLiteral("exact.netcase"));
        auto rep = importFiles(c, {log});
        QVERIFY(rep.ok());
        QCOMPARE(rep->sources.size(), size_t(1));
        QCOMPARE(rep->sources[0].format, QStringLiteral("apache"));
        QCOMPARE(rep->events(), 3);
        QCOMPARE(rep->rejects(), 1);

        std::vector<EventRow> rows;
        EventQuery(c.db()).forEach(EventFilter{}, [&](const EventRow &r) {
            rows.push_back(r);
            return true;
        });
        QCOMPARE(rows.size(), size_t(3));
        const Event &a = rows[0].event;
        QCOMPARE(a.timestampUs, toEpochUs(2023, 10, 10, 20, 55, 36));
        QCOMPARE(a.tzOffsetMin, std::int16_t(-420));
        QCOMPARE(a.sourceIp, std::string("203.0.113.7"));
        QCOMPARE(a.userName, std::string("alice"));
        QCOMPARE(a.httpMethod, std::string("GET"));
        QCOMPARE(a.urlPath, std::string("/a?b=1"));
        QCOMPARE(a.statusCode, 200);
        QCOMPARE(a.bodyBytes, std::int64_t(2326));
        QCOMPARE(a.userAgent, std::string("Mozilla/5.0 \"quoted\""));
        QCOMPARE(a.outcome, Outcome::Success);
        QCOMPARE(a.line, std::int64_t(1));
        const Event &b = rows[1].event;
        QCOMPARE(b.sourceIp, std::string("2001:db8::1")); // canonical IPv6
        QCOMPARE(b.outcome, Outcome::Failure);
        QCOMPARE(b.bodyBytes, std::int64_t(-1));
        const Event &x = rows[2].event;
        QCOMPARE(x.line, std::int64_t(5));
        QCOMPARE(x.sourceIp, std::string("10.0.0.5"));
        QCOMPARE(x.clientIp, std::string("198.51.100.77")); // X-Forwarded-For kept apart

        // The raw record is one call away, and the reject keeps line, reason and text.
        auto raw = EventQuery(c.db()).raw(rows[1]);
        QVERIFY(raw.has_value());
        QVERIFY(QByteArray::fromStdString(*raw).startsWith("2001:0db8:0000"));
        Statement rej = c.db().prepare("SELECT line, reason, raw FROM rejects");
        QVERIFY(rej.step());
        QCOMPARE(rej.int64(0), 3);
        QVERIFY(!rej.text(1).isEmpty());
        QCOMPARE(rej.text(2), QStringLiteral("garbage line"));
    }

    void countsAreExactOnAGeneratedLog()
    {
        const QString log = test::makeAccessLog(QStringLiteral("gen.log"), 20000, 300, 997);
        QVERIFY(!log.isEmpty());
        CaseFile c = newCase(QStringLiteral("gen.netcase"));
        auto rep = importFiles(c, {log});
        QVERIFY(rep.ok());
        const int bad = 20000 / 997;
        QCOMPARE(rep->rejects(), bad);
        QCOMPARE(rep->events(), 20000 - bad);
        QCOMPARE(c.db().scalar("SELECT count(*) FROM events"), 20000 - bad);
        QCOMPARE(c.db().scalar("SELECT events FROM sources"), 20000 - bad);
        QCOMPARE(c.db().scalar("SELECT count(DISTINCT line) FROM events"), 20000 - bad);
    }

    void duplicateFileIsRefused()
    {
        const QString log = test::makeAccessLog(QStringLiteral("dup.log"), 100);
        CaseFile c = newCase(QStringLiteral("dup.netcase"));
        QVERIFY(importFiles(c, {log}).ok());
        const Counts before = counts(c.db());
        auto again = importFiles(c, {log});
        QVERIFY(again.ok());
        QCOMPARE(again->failed(), 1);
        QVERIFY(again->sources[0].error.contains(QStringLiteral("already in the case")));
        QCOMPARE(counts(c.db()), before);
    }

    void cancelLeavesCaseUnchanged()
    {
        const QString first = test::makeAccessLog(QStringLiteral("c1.log"), 1000);
        const QString big = test::makeAccessLog(QStringLiteral("c2.log"), 300000, 2000);
        CaseFile c = newCase(QStringLiteral("cancel.netcase"));
        QVERIFY(importFiles(c, {first}).ok());
        const Counts before = counts(c.db());
        std::atomic<bool> cancel{false};
        bool sawProgress = false;
        auto rep = ImportJob({big}, ImportOptions{})
                           .run(
                                   c,
                                   [&](const ImportProgress &p) {
                                       if (p.bytesDone > 0 && p.bytesDone < p.bytesTotal) {
                                           sawProgress = true;
                                           cancel = true; // cancel in the middle of the file
                                       }
                                   },
                                   cancel);
        QVERIFY(sawProgress);
        QVERIFY(!rep.ok());
        QCOMPARE(rep.error().code, ErrorCode::Cancelled);
        QCOMPARE(counts(c.db()), before);
        // The case is still writable and consistent afterwards.
        QVERIFY(importFiles(c, {big}).ok());
        QCOMPARE(c.db().scalar("SELECT count(*) FROM events"), before.events + 300000);
    }

    void aLogWrittenDuringTheImportIsNoted()
    {
        const QString log = test::makeAccessLog(QStringLiteral("growing.log"), 300000, 2000);
        CaseFile c = newCase(QStringLiteral("growing.netcase"));
        std::atomic<bool> cancel{false};
        bool appended = false;
        auto rep = ImportJob({log}, ImportOptions{})
                           .run(
                                   c,
                                   [&](const ImportProgress &p) {
                                       if (appended || p.bytesDone <= 0
                                           || p.bytesDone >= p.bytesTotal)
                                           return;
                                       QFile f(log); // the web server writes on
                                       QVERIFY(f.open(QIODevice::Append));
                                       f.write("203.0.113.9 - - [20/Oct/2026:04:00:00 +0000] "
                                               "\"GET / HTTP/1.1\" 200 1 \"-\" \"x\"\n");
                                       appended = true;
                                   },
                                   cancel);
        QVERIFY(appended);
        QVERIFY(rep.ok());
        QCOMPARE(rep->sources.size(), size_t(1));
        QVERIFY2(rep->sources[0]
                         .notes.join(QLatin1Char('\n'))
                         .contains(QLatin1String("changed while it was read")),
                 qPrintable(rep->sources[0].notes.join(QLatin1Char('\n'))));
        QVERIFY(rep->sources[0].events >= 300000);

        // A file left alone gets no such note.
        const QString still = test::makeAccessLog(QStringLiteral("still.log"), 100);
        auto quiet = importFiles(c, {still});
        QVERIFY(quiet.ok());
        QVERIFY(!quiet->sources[0]
                         .notes.join(QLatin1Char('\n'))
                         .contains(QLatin1String("changed while")));
    }

    void unreadableOrUnknownInputIsReportedNotFatal()
    {
        const QString good = test::makeAccessLog(QStringLiteral("ok.log"), 10);
        const QString odd = test::tempPath(QStringLiteral("odd.bin"));
        QFile f(odd);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("\x00\x01\x02 not a log \xff\xfe", 16));
        f.close();
        CaseFile c = newCase(QStringLiteral("mixed.netcase"));
        auto rep = importFiles(c, {odd, good});
        QVERIFY(rep.ok());
        QCOMPARE(rep->failed(), 1);
        QCOMPARE(rep->events(), 10);
        QVERIFY(rep->sources[0].error.contains(QStringLiteral("binary content")));
        auto missing = importFiles(c, {test::tempPath(QStringLiteral("missing.log"))});
        QVERIFY(!missing.ok());
    }

    void undetectedFilesSayWhy()
    {
        const QString empty = test::tempPath(QStringLiteral("empty.log"));
        const QString longLine = test::tempPath(QStringLiteral("longline.log"));
        const QString prose = test::tempPath(QStringLiteral("prose.txt"));
        for (const auto &[path, text] :
             {std::pair{empty, QByteArray()},
              std::pair{longLine, QByteArray(QByteArray(qsizetype{200} * 1024, 'a') + '\n')},
              std::pair{prose, QByteArray("Dear diary,\ntoday nothing happened.\n")}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        }
        CaseFile c = newCase(QStringLiteral("undetected.netcase"));
        auto rep = importFiles(c, {empty, longLine, prose});
        QVERIFY(rep.ok());
        QCOMPARE(rep->failed(), 3);
        QCOMPARE(rep->sources[0].error, QStringLiteral("the file is empty"));
        QVERIFY2(rep->sources[1].error.contains(QStringLiteral("first line is longer than 64 KiB")),
                 qPrintable(rep->sources[1].error));
        QVERIFY(rep->sources[2].error.contains(QStringLiteral("format not recognised")));
        QCOMPARE(c.db().scalar("SELECT count(*) FROM sources"), 0);
    }

    void readOnlyCaseRefusesImport()
    {
        const QString path = test::tempPath(QStringLiteral("ro.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("ro")}).ok());
        CaseFile::OpenOptions o;
        o.readOnly = true;
        auto c = CaseFile::open(path, o);
        QVERIFY(c.ok());
        auto rep = importFiles(*c, {test::makeAccessLog(QStringLiteral("r.log"), 3)});
        QVERIFY(!rep.ok());
        QCOMPARE(rep.error().code, ErrorCode::Locked);
    }
};

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_importjob.moc"
