// SiLK flows as rwcut prints them (issue 25): the golden file from gen_morelogs.py (default
// columns with titles), and the other layouts rwcut writes: --delimited=',' without padding,
// --no-titles, ISO and epoch times.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestSilk : public QObject
{
    Q_OBJECT

private:
    const Importer &imp() { return *findImporter(QStringLiteral("silk")); }

    struct NoteSink : CollectingSink
    {
        std::vector<std::string> notes;
        void note(std::string_view t) override { notes.emplace_back(t); }
    };

private Q_SLOTS:
    void golden()
    {
        const QString path = netlogInput(QStringLiteral("silk"), QStringLiteral("silk/rwcut.txt"),
                                         12, QStringLiteral("gen_morelogs.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in), QStringLiteral("silk"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(3)); // not an address, month 13, short line
        const Event &e = sink.events[0];
        QCOMPARE(e.sourceIp, std::string("10.0.0.10"));
        QCOMPARE(e.destinationPort, 443);
        QCOMPARE(e.transport, std::string("tcp"));
        QCOMPARE(e.category, std::string("network"));
        QCOMPARE(e.durationUs, std::int64_t(1569722000));
        QCOMPARE(e.timestampUs, std::int64_t(1709280000) * 1000000);
        QVERIFY(matchesGolden(renderEcsLines(sink), QStringLiteral("silk/rwcut.expected.jsonl")));
    }

    void delimitedAndIso()
    {
        // rwcut --fields=sIP,dIP,dPort,protocol,bytes,sTime,eTime --delimited=','
        // --timestamp-format=iso
        const std::string in = "sIP,dIP,dPort,protocol,bytes,sTime,eTime\n"
                               "192.0.2.1,198.51.100.7,3389,6,5120,2024-03-01 08:00:00.250,"
                               "2024-03-01 08:00:02.250\n";
        QCOMPARE(detectedName(QByteArray::fromStdString(in)), QStringLiteral("silk"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.destinationIp, std::string("198.51.100.7"));
        QCOMPARE(e.destinationPort, 3389);
        QCOMPARE(e.sourceBytes, std::int64_t(5120));
        QCOMPARE(e.timestampUs, std::int64_t(1709280000250000));
        QCOMPARE(e.durationUs, std::int64_t(2000000)); // from eTime - sTime
    }

    void noTitlesEpoch()
    {
        // rwcut --no-titles --no-columns --epoch-time: the default 12 fields.
        const std::string in = "192.0.2.1|198.51.100.7|50000|22|6|12|2400|S|1709280000.500|"
                               "1.500|1709280002.000|S0|\n"
                               "192.0.2.1|198.51.100.7|50001|22|6|12|2400|S|1709280001.000|"
                               "0.000|1709280001.000|S0|\n";
        QCOMPARE(detectedName(QByteArray::fromStdString(in)), QStringLiteral("silk"));
        NoteSink sink;
        QVERIFY(parseBytes(imp(), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(2));
        QCOMPARE(sink.events[0].timestampUs, std::int64_t(1709280000500000));
        QCOMPARE(sink.events[0].durationUs, std::int64_t(1500000));
        QVERIFY(sink.events[0].labels.find("\"sensor\":\"S0\"") != std::string::npos);
        QCOMPARE(sink.notes.size(), size_t(1));
    }

    void nfdumpStaysNfdump()
    {
        // nfdump's CSV starts with "ts,te,td,sa,da": not a SiLK title line.
        const QByteArray in = "ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt\n"
                              "2024-03-01 08:00:00,2024-03-01 08:00:01,1.000,192.0.2.1,"
                              "198.51.100.7,1,2,TCP,......,0,0,1,40\n";
        QVERIFY(detectedName(in) != QStringLiteral("silk"));
    }
};

QTEST_GUILESS_MAIN(TestSilk)
#include "tst_silk.moc"
