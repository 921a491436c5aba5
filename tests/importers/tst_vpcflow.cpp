// AWS VPC Flow Logs: golden files for the default (v2) and a custom v5 field list, from
// gen_auditlogs, and a file without its header line.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestVpcFlow : public QObject
{
    Q_OBJECT

private:
    const Importer &imp() { return *findImporter(QStringLiteral("vpcflow")); }
    const QString gen = QStringLiteral("gen_auditlogs");

    struct NoteSink : CollectingSink
    {
        std::vector<std::string> notes;
        void note(std::string_view t) override { notes.emplace_back(t); }
    };

private Q_SLOTS:
    void goldenDefault()
    {
        const QByteArray in = generatedInput(QStringLiteral("vpcflow"),
                                             QStringLiteral("vpcflow/default.log"), 14, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("vpcflow"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(14)); // NODATA windows are events without addresses
        QCOMPARE(sink.rejects.size(), size_t(1)); // not-an-ip
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("vpcflow/default.expected.jsonl")));
    }

    void goldenCustomV5()
    {
        const QByteArray in = generatedInput(QStringLiteral("vpcflow-custom"),
                                             QStringLiteral("vpcflow/custom-v5.log"), 14, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("vpcflow"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(14));
        QCOMPARE(sink.rejects.size(), size_t(1)); // short line
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("vpcflow/custom-v5.expected.jsonl")));
    }

    void withoutHeader()
    {
        const std::string line = "2 111122223333 eni-0c3 198.51.100.7 10.0.1.10 50000 22 6 3 180 "
                                 "1709280000 1709280060 REJECT OK\n";
        QCOMPARE(imp().detect(line), 80);
        NoteSink sink;
        QVERIFY(parseBytes(imp(), line, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.sourceIp, std::string("198.51.100.7"));
        QCOMPARE(e.destinationPort, 22);
        QCOMPARE(e.transport, std::string("tcp"));
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.durationUs, std::int64_t(60000000));
        QCOMPARE(e.category, std::string("network"));
        QCOMPARE(sink.notes.size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestVpcFlow)
#include "tst_vpcflow.moc"
