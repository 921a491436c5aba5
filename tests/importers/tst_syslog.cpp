// Syslog details the golden files do not pin down: the year inferred without --year, the
// import's time zone for zone-less stamps, cancellation, and lines that are not syslog.

#include "api/inputstream.h"
#include "api/registry.h"
#include "core/timeutil.h"

#include <QDateTime>
#include <QTest>

using namespace netcase;

namespace {

struct Sink : RecordSink
{
    std::vector<Event> events;
    std::vector<std::string> rejects;
    void event(Event &&e, std::string_view) override { events.push_back(std::move(e)); }
    void reject(std::int64_t, RejectKind, std::string_view reason, std::string_view) override
    {
        rejects.emplace_back(reason);
    }
};

Status parse(const std::string &text,
             Sink &sink,
             const ImportOptions &opt = {},
             std::function<bool(std::int64_t)> progress = {})
{
    auto in = memoryStream(text);
    ParseContext ctx{opt, sink};
    if (progress)
        ctx.progress = std::move(progress);
    return findImporter(QStringLiteral("syslog"))->parse(*in, ctx);
}

const char *kMonths[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

} // namespace

class TestSyslog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void yearInferredFromNow()
    {
        // A line from this month is this year; a line from a later month is last year's.
        const QDate today = QDateTime::currentDateTimeUtc().date();
        const int thisMonth = today.month();
        const std::string now = std::string(kMonths[thisMonth - 1])
                                + "  1 10:00:00 h sshd[1]: " + "Invalid user x from 192.0.2.1\n";
        Sink a;
        QVERIFY(parse(now, a).ok());
        QCOMPARE(int(a.events.size()), 1);
        QCOMPARE(formatIsoUs(a.events[0].timestampUs).substr(0, 4), std::to_string(today.year()));
        if (thisMonth < 12) {
            const std::string later = std::string(kMonths[thisMonth]) + " 15 10:00:00 h sshd[1]: "
                                      + "Invalid user x from 192.0.2.1\n";
            Sink b;
            QVERIFY(parse(later, b).ok());
            QCOMPARE(formatIsoUs(b.events[0].timestampUs).substr(0, 4),
                     std::to_string(today.year() - 1));
        }
    }

    void forcedYearAndRollover()
    {
        ImportOptions opt;
        opt.year = 2019;
        Sink s;
        QVERIFY(parse("Dec 31 23:59:59 h cron[1]: a\nJan  1 00:00:01 h cron[1]: b\n"
                      "Dec 31 23:59:58 h cron[1]: late line\n",
                      s, opt)
                        .ok());
        QCOMPARE(int(s.events.size()), 3);
        QCOMPARE(formatIsoUs(s.events[0].timestampUs), std::string("2019-12-31T23:59:59.000000Z"));
        QCOMPARE(formatIsoUs(s.events[1].timestampUs), std::string("2020-01-01T00:00:01.000000Z"));
        QCOMPARE(formatIsoUs(s.events[2].timestampUs), std::string("2019-12-31T23:59:58.000000Z"));
    }

    void importZoneAppliesToBsdStamps()
    {
        ImportOptions opt;
        opt.year = 2024;
        opt.timezone = QStringLiteral("America/New_York");
        Sink s;
        QVERIFY(parse("Jul  4 12:00:00 h sshd[1]: Accepted password for a from "
                      "2001:0DB8:0000:0000:0000:0000:0000:0001 port 22 ssh2\n",
                      s, opt)
                        .ok());
        QCOMPARE(formatIsoUs(s.events[0].timestampUs), std::string("2024-07-04T16:00:00.000000Z"));
        QCOMPARE(int(s.events[0].tzOffsetMin), -240);
        QCOMPARE(s.events[0].sourceIp, std::string("2001:db8::1"));
        // RFC 3339 stamps keep their own offset whatever the import zone.
        Sink t;
        QVERIFY(parse("2024-07-04T12:00:00+02:00 h sshd[1]: x\n", t, opt).ok());
        QCOMPARE(formatIsoUs(t.events[0].timestampUs), std::string("2024-07-04T10:00:00.000000Z"));
        QCOMPARE(int(t.events[0].tzOffsetMin), 120);
    }

    void notSyslogIsRejectedNotDropped()
    {
        Sink s;
        QVERIFY(parse("hello\n\nDec 10 06:55:46 LabSZ sshd[24200]: ok\n{\"json\": 1}\n", s).ok());
        QCOMPARE(int(s.events.size()), 1);
        QCOMPARE(int(s.rejects.size()), 2);
    }

    void cancelStops()
    {
        std::string text;
        for (int i = 0; i < 10000; ++i)
            text += "Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user a from 192.0.2.1\n";
        Sink s;
        const Status st = parse(text, s, {}, [](std::int64_t) { return false; });
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ErrorCode::Cancelled);
        QVERIFY(s.events.size() < 10000);
    }
};

QTEST_GUILESS_MAIN(TestSyslog)
#include "tst_syslog.moc"
