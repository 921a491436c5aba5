// Windows Security logons from JSON (Winlogbeat NDJSON and Get-WinEvent | ConvertTo-Json):
// golden files from gen_auditlogs, the positional EventData templates, and what the brute-force
// detections need (event.category authentication, event.outcome failure, source.ip).

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"
#include "windows/winlogon.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestWinLogon : public QObject
{
    Q_OBJECT

private:
    const Importer &imp() { return *findImporter(QStringLiteral("windows-json")); }
    const QString gen = QStringLiteral("gen_auditlogs");

private Q_SLOTS:
    void goldenWinlogbeat()
    {
        const QByteArray in
                = generatedInput(QStringLiteral("winlogbeat"),
                                 QStringLiteral("windows-json/winlogbeat.ndjson"), 16, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("windows-json"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(17)); // 16 logon events and a 4672
        QCOMPARE(sink.rejects.size(), size_t(2)); // no time; not JSON
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("windows-json/winlogbeat.expected.jsonl")));
    }

    void goldenGetWinEvent()
    {
        const QByteArray in
                = generatedInput(QStringLiteral("winevent-ps"),
                                 QStringLiteral("windows-json/getwinevent.json"), 16, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("windows-json"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(16));
        QCOMPARE(sink.rejects.size(), size_t(1)); // no TimeCreated
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("windows-json/getwinevent.expected.jsonl")));
        // Positional and named EventData give the same events.
        CollectingSink beat;
        QVERIFY(parseBytes(imp(),
                           readAll(goldenPath(QStringLiteral("windows-json/winlogbeat.ndjson")))
                                   .toStdString(),
                           beat)
                        .ok());
        for (size_t i = 0; i < sink.events.size(); ++i) {
            QCOMPARE(sink.events[i].action, beat.events[i].action);
            QCOMPARE(sink.events[i].userName, beat.events[i].userName);
            QCOMPARE(sink.events[i].sourceIp, beat.events[i].sourceIp);
            QCOMPARE(sink.events[i].outcome, beat.events[i].outcome);
            QCOMPARE(sink.events[i].timestampUs / 1000000, beat.events[i].timestampUs / 1000000);
        }
    }

    void failedLogonIsAnAuthenticationFailure()
    {
        WinEventRecord r;
        r.eventId = 4625;
        r.computer = "DC01";
        r.data = {{"TargetUserName", "admin"}, {"IpAddress", "::ffff:198.51.100.7"},
                  {"IpPort", "50123"},         {"LogonType", "10"},
                  {"SubStatus", "0xc000006a"}, {"WorkstationName", "-"}};
        Event e;
        mapWinEvent(r, e);
        QCOMPARE(e.category, std::string("authentication"));
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.sourceIp, std::string("198.51.100.7"));
        QCOMPARE(e.sourcePort, 50123);
        QCOMPARE(e.userName, std::string("admin"));
        QCOMPARE(e.sourceDomain, std::string());
        const auto labels = nlohmann::json::parse(e.labels);
        QCOMPARE(labels["logon_type"].get<std::string>(), std::string("10"));
        QCOMPARE(labels["sub_status"].get<std::string>(), std::string("0xc000006a"));
    }

    void kerberosStatusGivesTheOutcome()
    {
        WinEventRecord r;
        r.eventId = 4768;
        r.data = {{"TargetUserName", "bob"}, {"Status", "0x6"}, {"IpAddress", "10.0.0.1"}};
        Event e;
        mapWinEvent(r, e);
        QCOMPARE(e.outcome, Outcome::Failure);
        r.data[1].second = "0x0";
        Event ok;
        mapWinEvent(r, ok);
        QCOMPARE(ok.outcome, Outcome::Success);
    }

    void elasticDocumentsAndNxlogRecords()
    {
        // An Elasticsearch document of the system integration: the pipeline moved IpAddress,
        // WorkstationName and TargetUserName into source.* and user.name.
        const std::string elastic = quoted(
                "{'_index':'logs','_source':{'@timestamp':'2025-06-02T07:08:52.979Z','winlog':"
                "{'computer_name':'PC1','channel':'Security','event_id':'4625','event_data':"
                "{'Status':'0xc000006d','LogonType':'3','SubStatus':'0xc0000064'}},'source':"
                "{'ip':'192.0.2.101','domain':'WORKSTATION'},'event':{'code':'4625','action':"
                "'logon-failed','outcome':'failure'},'user':{'name':'denny'}}}\n");
        QCOMPARE(imp().detect(elastic), 95);
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), elastic, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.events[0].sourceIp, std::string("192.0.2.101"));
        QCOMPARE(sink.events[0].sourceDomain, std::string("WORKSTATION"));
        QCOMPARE(sink.events[0].userName, std::string("denny"));
        QCOMPARE(sink.events[0].outcome, Outcome::Failure);
        // NXLog's flat JSON: the EventData names at the top level.
        const std::string nxlog = quoted(
                "{'EventID':4625,'Hostname':'DC01','EventTime':'2024-03-01 08:00:00','Channel':"
                "'Security','TargetUserName':'eve','IpAddress':'198.51.100.9','IpPort':'51000',"
                "'LogonType':'10'}\n");
        QCOMPARE(imp().detect(nxlog), 95);
        CollectingSink flat;
        QVERIFY(parseBytes(imp(), nxlog, flat).ok());
        QCOMPARE(flat.events.size(), size_t(1));
        QCOMPARE(flat.events[0].sourceIp, std::string("198.51.100.9"));
        QCOMPARE(flat.events[0].userName, std::string("eve"));
        QCOMPARE(flat.events[0].hostName, std::string("DC01"));
    }

    void templatesMatchTheDocumentedOrder()
    {
        QCOMPARE(winEventDataNames(4624)[18], std::string_view("IpAddress"));
        QCOMPARE(winEventDataNames(4625)[19], std::string_view("IpAddress"));
        QCOMPARE(winEventDataNames(4625)[10], std::string_view("LogonType"));
        QCOMPARE(winEventDataNames(4648)[12], std::string_view("IpAddress"));
        QCOMPARE(winEventDataNames(4768)[9], std::string_view("IpAddress"));
        QCOMPARE(winEventDataNames(4769)[6], std::string_view("IpAddress"));
        QCOMPARE(winEventDataNames(4776)[1], std::string_view("TargetUserName"));
        QVERIFY(winEventDataNames(4672).empty());
    }
};

QTEST_GUILESS_MAIN(TestWinLogon)
#include "tst_winlogon.moc"
