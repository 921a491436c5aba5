// nfdump CSV: the real sample imports without rejects, the summary block is skipped and checked
// against the rows read, and damaged rows become rejects.

#include "api/inputstream.h"
#include "api/registry.h"
#include "common/implogs_case.h"
#include "core/timeutil.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

namespace {

struct Sink : RecordSink
{
    std::vector<Event> events;
    std::vector<std::pair<std::int64_t, std::string>> rejects;
    void event(Event &&e, std::string_view) override { events.push_back(std::move(e)); }
    void reject(std::int64_t line, RejectKind, std::string_view reason, std::string_view) override
    {
        rejects.emplace_back(line, std::string(reason));
    }
};

const char *kHeader = "ts,te,td,sa,da,sp,dp,pr,flg,ipkt,ibyt,opkt,obyt\n";

Status parse(const std::string &text, Sink &sink, const QString &tz = QStringLiteral("UTC"))
{
    ImportOptions opt;
    opt.timezone = tz;
    auto in = memoryStream(text);
    ParseContext ctx{opt, sink};
    return findImporter(QStringLiteral("nfdump"))->parse(*in, ctx);
}

} // namespace

class TestFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summaryIsSkippedWhenItMatches()
    {
        Sink sink;
        const std::string text = std::string(kHeader)
                                 + "2024-01-02 03:04:05.250,2024-01-02 03:04:06,1.500,10.0.0.1,"
                                   "2001:0db8::0001,5000,443,TCP,...AP...,3,180,0,0\n"
                                   "Summary\nflows,bytes,packets,avg_bps,avg_pps,avg_bpp\n"
                                   "1,180,3,1,1,60\n";
        QVERIFY(parse(text, sink).ok());
        QCOMPARE(int(sink.events.size()), 1);
        QCOMPARE(int(sink.rejects.size()), 0);
        const Event &e = sink.events[0];
        QCOMPARE(e.destinationIp, std::string("2001:db8::1"));
        QCOMPARE(e.transport, std::string("tcp"));
        QCOMPARE(e.durationUs, std::int64_t(1500000));
        QCOMPARE(e.sourceBytes, std::int64_t(180));
        QCOMPARE(e.packets, std::int64_t(3));
        QCOMPARE(e.timestampUs, toEpochUs(2024, 1, 2, 3, 4, 5, 250000));
    }

    void summaryMismatchIsReported()
    {
        Sink sink;
        const std::string text = std::string(kHeader)
                                 + "2024-01-02 03:04:05,2024-01-02 03:04:06,1.000,10.0.0.1,"
                                   "10.0.0.2,5000,443,TCP,...AP...,3,180,0,0\n"
                                   "Summary\nflows,bytes,packets,avg_bps,avg_pps,avg_bpp\n"
                                   "7,180,3,1,1,60\n";
        QVERIFY(parse(text, sink).ok());
        QCOMPARE(int(sink.events.size()), 1);
        QCOMPARE(int(sink.rejects.size()), 1);
        QCOMPARE(sink.rejects[0].first, std::int64_t(5));
        QVERIFY(sink.rejects[0].second.find("summary counts 7") != std::string::npos);
    }

    void localTimeUsesTheImportZone()
    {
        Sink sink;
        const std::string text = std::string(kHeader)
                                 + "2024-07-01 12:00:00,2024-07-01 12:00:00,0.000,10.0.0.1,"
                                   "10.0.0.2,1,2,UDP,........,1,60,0,0\n";
        QVERIFY(parse(text, sink, QStringLiteral("Europe/Berlin")).ok());
        QCOMPARE(int(sink.events.size()), 1);
        QCOMPARE(sink.events[0].timestampUs, toEpochUs(2024, 7, 1, 10, 0, 0));
        QCOMPARE(int(sink.events[0].tzOffsetMin), 120);
        Sink bad;
        QVERIFY(!parse(text, bad, QStringLiteral("Mars/Olympus")).ok());
    }

    void damagedRowsAreRejects()
    {
        Sink sink;
        const std::string text = "2024-01-02 03:04:05,before the header\n" + std::string(kHeader)
                                 + "2024-01-02 03:04:05,x,1.0,10.0.0.1\n"
                                   "yesterday,2024-01-02 03:04:06,1.000,10.0.0.1,10.0.0.2,5000,"
                                   "443,TCP,...AP...,3,180,0,0\n";
        QVERIFY(parse(text, sink).ok());
        QCOMPARE(int(sink.events.size()), 0);
        QCOMPARE(int(sink.rejects.size()), 3);
    }

    void realSample()
    {
        const QString path
                = sharedSample(QStringLiteral("netflow/nfcapd.sample.DERIVED-nfdump171.csv"));
        if (path.isEmpty())
            QSKIP("../shared/samples is not available");
        const CaseImport r = importIntoNewCase({path}, ImportOptions{}, QStringLiteral("nfdump"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const SourceReport &s = r.report.sources.at(0);
        qInfo("nfdump sample: format %s, %lld events, %lld rejects", qPrintable(s.format),
              qlonglong(s.events), qlonglong(s.rejects));
        QCOMPARE(s.format, QStringLiteral("nfdump"));
        QCOMPARE(s.events, std::int64_t(3018)); // the summary's flow count
        QCOMPARE(s.rejects, std::int64_t(0));
        QVERIFY(r.ecs.contains("\"transport\":\"udp\""));
        QVERIFY(r.ecs.contains("\"ip\":\"2800:3f0:4001:833::2002\""));
    }
};

QTEST_GUILESS_MAIN(TestFlow)
#include "tst_flow.moc"
