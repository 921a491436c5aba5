// Raw records rebuilt from their events (core/rawform.h): an access-log line is kept as a form
// only when the event's fields give it back byte for byte, and every record reads back as the
// line it came from, whether stored or rebuilt.

#include "common/rawrecords.h"
#include "common/testutil.h"

#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/sqlite.h"
#include "core/rawform.h"
#include "ingest/importjob.h"
#include "weblog/accesslogparser.h"

#include <QFile>
#include <QTest>

using namespace netcase;

namespace {

struct Line
{
    const char *name;
    std::string text;
    bool rebuilt;
};

const std::vector<Line> &lines()
{
    static const std::vector<Line> all = {
            {"combined",
             R"L(192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "http://ex.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)")L",
             true},
            {"common",
             R"L(127.0.0.1 - frank [10/Oct/2000:13:55:36 +0530] "GET /apache_pb.gif HTTP/1.0" 200 2326)L",
             true},
            {"vhost",
             R"L(www.example.com:443 2001:db8::1 - - [01/Jan/2024:00:00:00 +0000] "POST /login HTTP/2.0" 401 - "-" "curl/8.0")L",
             true},
            {"vhost no port",
             R"L(example.org 192.0.2.9 - bob [29/Feb/2024:23:59:59 +1400] "GET /?q=a%20b HTTP/1.1" 302 0 "-" "-")L",
             true},
            {"host name",
             R"L(crawler.example.net - - [31/Dec/1999:23:59:59 -1200] "HEAD / HTTP/1.1" 304 0 "-" "Bot/1.0")L",
             true},
            {"utf-8 agent",
             "192.0.2.2 - - [02/Mar/2024:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"Agent "
             "\xc3\xa9\"",
             true},
            {"uncompressed ipv6",
             R"L(2001:0db8:0000:0000:0000:0000:0000:0001 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-")L",
             false},
            {"lower-case month",
             R"L(192.0.2.3 - - [01/jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-")L",
             false},
            {"fraction",
             R"L(192.0.2.3 - - [01/Jan/2024:00:00:00.250 +0000] "GET / HTTP/1.1" 200 1 "-" "-")L",
             false},
            {"leap second",
             R"L(192.0.2.3 - - [31/Dec/2016:23:59:60 +0000] "GET / HTTP/1.1" 200 1 "-" "-")L",
             false},
            {"escaped quote",
             R"L(192.0.2.4 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "Agent \"x\"")L",
             false},
            {"escaped referrer",
             R"L(192.0.2.4 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "http://x/\\y" "-")L",
             false},
            {"empty agent",
             R"L(192.0.2.5 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "")L",
             false},
            {"empty referrer",
             R"L(192.0.2.5 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "" "-")L",
             false},
            {"x-forwarded-for",
             R"L(10.0.0.5 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-" "198.51.100.7")L",
             false},
            {"ident",
             R"L(192.0.2.6 ident - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-")L",
             false},
            {"two spaces",
             R"L(192.0.2.6 -  - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-")L",
             false},
            {"padded bytes",
             R"L(192.0.2.6 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 0012 "-" "-")L",
             false},
            {"tls handshake",
             R"L(192.0.2.7 - - [01/Jan/2024:00:00:00 +0000] "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" 400 226 "-" "-")L",
             false},
            {"http/0.9", R"L(192.0.2.7 - - [01/Jan/2024:00:00:00 +0000] "GET /" 200 1 "-" "-")L",
             false},
            {"bad utf-8",
             "192.0.2.8 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"A\xff\"",
             false},
            {"vhost, common only",
             R"L(www.example.com:80 192.0.2.9 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1)L",
             false},
    };
    return all;
}

} // namespace

class TestRawForm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyExactLinesAreRebuilt_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < lines().size(); ++i)
            QTest::newRow(lines()[i].name) << int(i);
    }
    void onlyExactLinesAreRebuilt()
    {
        QFETCH(int, index);
        const Line &l = lines()[size_t(index)];
        Event e;
        const AccessLogResult r = parseAccessLogLine(l.text, e);
        QVERIFY2(r.ok, r.reason.text.c_str());
        QCOMPARE(rawform::rebuilds(r.rawForm(), e, l.text), l.rebuilt);
        std::string text;
        if (l.rebuilt) {
            QVERIFY(rawform::render(r.rawForm(), e, text));
            QCOMPARE(text, l.text);
        }
    }

    void unknownFormsRenderNothing()
    {
        Event e;
        QVERIFY(parseAccessLogLine(lines()[0].text, e).ok);
        std::string text;
        for (const char *form : {"", "a", "ab", "zb1.1", "ax1.1", "ab1.1x", "ab1.1.1.1.1"})
            QVERIFY2(!rawform::render(form, e, text), form);
        QVERIFY(rawform::render("ab1.0", e, text));
    }

    void everyRecordReadsBackAsItsLine()
    {
        // Through a case: rebuilt and stored records mixed in one block, each read back exactly
        // by `netcase events --raw`'s path, in order and out of order.
        const QString log = test::tempPath(QStringLiteral("mixed.log"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Each round ends in a 100 KB line kept as text (an escaped quote in its user agent), so
        // raw blocks also fill by bytes, between records kept as forms.
        const std::string longLine
                = "192.0.2.9 - - [01/Jan/2024:00:00:00 +0000] \"GET / HTTP/1.1\" "
                  "200 1 \"-\" \"\\\""
                  + std::string(100000, 'a') + "\\\"\"";
        int expectRebuilt = 0;
        for (int round = 0; round < 40; ++round) {
            for (const Line &l : lines()) {
                f.write(l.text.data(), qint64(l.text.size()));
                f.write("\n");
                expectRebuilt += l.rebuilt;
            }
            f.write(longLine.data(), qint64(longLine.size()));
            f.write("\n");
        }
        f.close();
        auto c = CaseFile::create(test::tempPath(QStringLiteral("mixed.netcase")), CaseInfo{});
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        ImportOptions opts;
        opts.format = QStringLiteral("apache");
        auto rep = ImportJob({log}, opts).run(*c, {}, cancel);
        QVERIFY(rep.ok());
        QCOMPARE(rep->events(), 40 * int(lines().size() + 1));
        QCOMPARE(rep->rejects(), 0);

        const EventQuery q(c->db());
        std::vector<EventRow> rows;
        q.forEach(EventFilter{}, [&](const EventRow &row) {
            rows.push_back(row);
            return true;
        });
        QCOMPARE(int(rows.size()), rep->events());
        std::sort(rows.begin(), rows.end(),
                  [](const EventRow &a, const EventRow &b) { return a.event.line > b.event.line; });
        for (const EventRow &row : rows) {
            const size_t i = size_t(row.event.line - 1) % (lines().size() + 1);
            const std::string &want = i < lines().size() ? lines()[i].text : longLine;
            const auto raw = q.raw(row);
            QVERIFY2(raw.has_value(), qPrintable(QString::number(row.event.line)));
            QCOMPARE(*raw, want);
        }
        QCOMPARE(test::countRebuiltRecords(c->db()), expectRebuilt);
        // The long lines kept as text filled blocks by bytes: more blocks than 512 records need.
        QVERIFY(c->db().scalar("SELECT count(*) FROM raw_blocks") > rep->events() / 512 + 5);
    }
};

QTEST_GUILESS_MAIN(TestRawForm)
#include "tst_rawform.moc"
