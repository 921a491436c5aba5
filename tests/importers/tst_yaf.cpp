// YAF flows as `yafscii --tabular` prints them (issue 25): rows from gen_morelogs.py --kind yaf
// against a golden file, detection by content (no header), the --mac variant, ICMP type and code
// from dp, and short or broken rows as rejects.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestYaf : public QObject
{
    Q_OBJECT

private:
    const Importer &imp() { return *findImporter(QStringLiteral("yaf")); }

private Q_SLOTS:
    void golden()
    {
        const QString path = netlogInput(QStringLiteral("yaf"), QStringLiteral("yaf/tabular.txt"),
                                         12, QStringLiteral("gen_morelogs.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in), QStringLiteral("yaf"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(2)); // a short row, a bad start-time
        QCOMPARE(sink.rejects[0].kind, RejectKind::Layout);
        QCOMPARE(sink.rejects[1].kind, RejectKind::BadTime);
        const Event &tcp = sink.events[0];
        QCOMPARE(tcp.action, std::string("flow"));
        QCOMPARE(tcp.transport, std::string("tcp"));
        QCOMPARE(tcp.sourceIp, std::string("10.0.0.10"));
        QCOMPARE(tcp.destinationPort, 443);
        QCOMPARE(tcp.durationUs, std::int64_t(3065000));
        QVERIFY(tcp.packets > 0 && tcp.sourceBytes > 0 && tcp.destinationBytes > 0);
        QVERIFY(tcp.labels.find("\"iflags\":\"S\"") != std::string::npos);
        // ICMP: no ports; type 8 code 0 from dp 2048.
        const Event &icmp = sink.events[3];
        QCOMPARE(icmp.transport, std::string("icmp"));
        QCOMPARE(icmp.destinationPort, -1);
        QVERIFY(icmp.labels.find("\"icmp_type\":\"8\"") != std::string::npos);
        QVERIFY(sink.events[1].labels.find("\"end_reason\":\"idle\"") != std::string::npos);
        QVERIFY(matchesGolden(renderEcsLines(sink), QStringLiteral("yaf/tabular.expected.jsonl")));
    }

    void macColumns()
    {
        // yafscii --tabular --mac: the MAC addresses after dp (ECS source.mac/destination.mac).
        const std::string row
                = "2024-03-01 08:00:00.000|2024-03-01 08:00:01.500|   1.500|   0.010|  6|"
                  "192.0.2.10|50000|198.51.100.20|   22|00:11:22:33:44:55|66:77:88:99:aa:bb|"
                  "S|APF|AS|APF|01020304|05060708|000|000|10|1200|8|2400|22|0|0|eof\n";
        QCOMPARE(detectedName(QByteArray::fromStdString(row)), QStringLiteral("yaf"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), row, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.destinationPort, 22);
        QCOMPARE(e.packets, std::int64_t(18));
        QCOMPARE(e.destinationBytes, std::int64_t(2400));
        QVERIFY(e.labels.find("\"source_mac\":\"00:11:22:33:44:55\"") != std::string::npos);
        QVERIFY(e.labels.find("\"applabel\":\"22\"") != std::string::npos);
    }

    void notYaf()
    {
        // SiLK's rwcut lines are '|'-separated too, but start with addresses.
        const QByteArray silk("10.0.0.1|192.0.2.1|1024|80|6|3|180|S|2024/03/01T08:00:00.000|"
                              "0.100|2024/03/01T08:00:00.100|S0|\n");
        QCOMPARE(imp().detect(silk.toStdString()), 0);
    }
};

QTEST_GUILESS_MAIN(TestYaf)
#include "tst_yaf.moc"
