// Microsoft 365 unified audit log importers: golden files (JSON lines and the portal's CSV
// export, both from gen_auditlogs), the ClientIP forms, outcomes and detection.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestM365 : public QObject
{
    Q_OBJECT

private:
    const Importer &imp(const char *name) { return *findImporter(QString::fromLatin1(name)); }
    const QString gen = QStringLiteral("gen_auditlogs");

private Q_SLOTS:
    void goldenJsonLines()
    {
        const QByteArray in = generatedInput(QStringLiteral("m365-jsonl"),
                                             QStringLiteral("m365/audit.jsonl"), 12, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("m365"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("m365"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(2)); // no CreationTime; broken JSON
        QVERIFY(matchesGolden(renderEcsLines(sink), QStringLiteral("m365/audit.expected.jsonl")));
    }

    void goldenCsvExport()
    {
        const QByteArray in = generatedInput(QStringLiteral("m365-csv"),
                                             QStringLiteral("m365-csv/audit.csv"), 12, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("m365-csv"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("m365-csv"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(2)); // cut AuditData; a short row
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("m365-csv/audit.expected.jsonl")));
        // The same records as the JSON lines file, line for line.
        CollectingSink json;
        QVERIFY(parseBytes(imp("m365"),
                           readAll(goldenPath(QStringLiteral("m365/audit.jsonl"))).toStdString(),
                           json)
                        .ok());
        for (size_t i = 0; i < sink.events.size(); ++i) {
            QCOMPARE(sink.events[i].sourceIp, json.events[i].sourceIp);
            QCOMPARE(sink.events[i].userName, json.events[i].userName);
            QCOMPARE(sink.events[i].timestampUs, json.events[i].timestampUs);
        }
    }

    void clientIpForms_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("ip");
        QTest::addColumn<int>("port");
        QTest::newRow("v4") << "ClientIP"
                            << "198.51.100.7"
                            << "198.51.100.7" << -1;
        QTest::newRow("v4 port") << "ClientIP"
                                 << "1.2.3.4:5678"
                                 << "1.2.3.4" << 5678;
        QTest::newRow("v6 loopback port") << "ClientIP"
                                          << "[::1]:443"
                                          << "::1" << 443;
        QTest::newRow("v6 bracketed") << "ClientIP"
                                      << "[2001:DB8::1]"
                                      << "2001:db8::1" << -1;
        QTest::newRow("v6 bare") << "ClientIP"
                                 << "2001:db8:0:0::1"
                                 << "2001:db8::1" << -1;
        QTest::newRow("mapped") << "ClientIP"
                                << "::ffff:192.0.2.1"
                                << "::ffff:192.0.2.1" << -1;
        QTest::newRow("exchange") << "ClientIPAddress"
                                  << "203.0.113.5:1234"
                                  << "203.0.113.5" << 1234;
        QTest::newRow("entra") << "ActorIpAddress"
                               << "192.0.2.9"
                               << "192.0.2.9" << -1;
        QTest::newRow("bad port") << "ClientIP"
                                  << "1.2.3.4:99999"
                                  << "1.2.3.4" << -1;
    }

    void clientIpForms()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, ip);
        QFETCH(int, port);
        const std::string rec = "{\"CreationTime\":\"2024-03-01T08:00:00\",\"Operation\":\"X\","
                                "\"Workload\":\"Exchange\",\""
                                + field.toStdString() + "\":\"" + value.toStdString() + "\"}\n";
        CollectingSink sink;
        QVERIFY(parseBytes(imp("m365"), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(QString::fromStdString(sink.events[0].sourceIp), ip);
        QCOMPARE(sink.events[0].sourcePort, port);
        const auto labels = nlohmann::json::parse(sink.events[0].labels);
        QCOMPARE(QString::fromStdString(labels["source_ip_field"].get<std::string>()), field);
    }

    void signInsReachTheAnalysis()
    {
        const std::string rec = quoted(
                "{'CreationTime':'2024-03-01T08:00:00','Operation':'UserLoginFailed',"
                "'Workload':'AzureActiveDirectory','ResultStatus':'Success','UserId':'a@b.c',"
                "'ClientIP':'192.0.2.1','LogonError':'InvalidUserNameOrPassword',"
                "'ExtendedProperties':[{'Name':'UserAgent','Value':'UA/1'}]}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(imp("m365"), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.category, std::string("authentication"));
        QCOMPARE(e.outcome, Outcome::Failure); // ResultStatus says only that HTTP succeeded
        QCOMPARE(e.userAgent, std::string("UA/1"));
        QCOMPARE(e.userName, std::string("a@b.c"));
        QCOMPARE(e.tzOffsetMin, std::int16_t(0));
    }

    void csvWithoutAuditDataIsAnError()
    {
        CollectingSink sink;
        const Status s = parseBytes(imp("m365-csv"), "CreationDate,Operations\nx,y\n", sink);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("AuditData")));
    }
};

QTEST_GUILESS_MAIN(TestM365)
#include "tst_m365.moc"
