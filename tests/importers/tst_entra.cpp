// Entra ID sign-in importers: Microsoft Graph JSON, the Azure Monitor export and the portal's CSV
// download, against golden files; the outcome/MFA mapping; the real sample from ../shared.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"
#include "core/timeutil.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestEntra : public QObject
{
    Q_OBJECT

private:
    static const Importer &imp(const char *name)
    {
        return *findImporter(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void goldenGraphPage()
    {
        const QByteArray in
                = generatedInput(QStringLiteral("entra-graph"), QStringLiteral("entra/graph.json"));
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("entra"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("entra"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(0));
        QCOMPARE(sink.events[0].line, 2); // the first element of "value"
        QVERIFY(matchesGolden(renderEcsLines(sink), QStringLiteral("entra/graph.expected.jsonl")));
    }

    void goldenMonitorExport()
    {
        const QByteArray in = generatedInput(QStringLiteral("entra-monitor"),
                                             QStringLiteral("entra/monitor.jsonl"));
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("entra"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("entra"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("entra/monitor.expected.jsonl")));
    }

    void goldenPortalCsv()
    {
        const QByteArray in = generatedInput(QStringLiteral("entra-csv"),
                                             QStringLiteral("entra-csv/signins.csv"));
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("entra-csv"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("entra-csv"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(1)); // the short row at the end
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("entra-csv/signins.expected.jsonl")));
    }

    void outcomeAndMfa()
    {
        const std::string rec = quoted(
                "{'createdDateTime':'2024-05-01T10:00:00Z','userPrincipalName':'eve@example.com',"
                "'ipAddress':'203.0.113.9','correlationId':'c-1','id':'r-1','status':{"
                "'errorCode':500121,'failureReason':'Authentication failed during strong "
                "authentication request.'},'deviceDetail':{'deviceId':'dev-1'},"
                "'authenticationDetails':[{'authenticationMethod':'Password','succeeded':true},"
                "{'authenticationMethod':'Mobile app notification','succeeded':false}]}\n"
                "{'time':'2024-05-01T11:00:00Z','category':'SignInLogs','callerIpAddress':"
                "'198.51.100.1','resultType':'0','properties':{'userPrincipalName':'f@x.com',"
                "'createdDateTime':'2024-05-01T10:59:59Z','status':{'errorCode':0}}}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(imp("entra"), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(2));
        const Event &a = sink.events[0];
        QCOMPARE(a.outcome, Outcome::Failure);
        QCOMPARE(a.mfa, std::string("mobile_app_notification:failure"));
        QCOMPARE(a.sessionId, std::string("c-1"));
        QCOMPARE(a.deviceId, std::string("dev-1"));
        QCOMPARE(nlohmann::json::parse(a.labels)["request_id"].get<std::string>(),
                 std::string("r-1"));
        const Event &b = sink.events[1];
        QCOMPARE(b.outcome, Outcome::Success);
        QCOMPARE(b.userName, std::string("f@x.com"));
        QCOMPARE(b.sourceIp, std::string("198.51.100.1")); // the envelope's address
        QCOMPARE(b.action, std::string("signin"));
        // properties.createdDateTime is the sign-in's own time, not the export time.
        QCOMPARE(QString::fromStdString(formatIsoUs(b.timestampUs)),
                 QStringLiteral("2024-05-01T10:59:59.000000Z"));
    }

    void oneWrapperPerLine()
    {
        // Event Hubs captures: one {"records": [...]} object per line.
        const std::string rec = quoted(
                "{'records':[{'time':'2024-05-01T11:00:00Z','category':'SignInLogs',"
                "'properties':{'userPrincipalName':'a@x.com','status':{'errorCode':0}}},"
                "{'time':'2024-05-01T11:00:01Z','category':'SignInLogs','properties':"
                "{'userPrincipalName':'b@x.com','status':{'errorCode':50126}}}]}\n"
                "{'records':[{'time':'2024-05-01T11:00:02Z','category':'SignInLogs',"
                "'properties':{'userPrincipalName':'c@x.com','status':{'errorCode':0}}}]}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(imp("entra"), rec, sink).ok());
        QCOMPARE(sink.rejects.size(), size_t(0));
        QCOMPARE(sink.events.size(), size_t(3));
        QCOMPARE(sink.events[1].outcome, Outcome::Failure);
        QCOMPARE(sink.events[2].userName, std::string("c@x.com"));
        // Records sharing line 1 are numbered 1 and 2, so the next one, on line 2, gets 3:
        // numbers stay unique for the raw-record lookup.
        QCOMPARE(sink.events[1].line, 2);
        QCOMPARE(sink.events[2].line, 3);
    }

    void realSample()
    {
        const QString path = sharedSample(
                QStringLiteral("entra/cribl-azure-graph-rest_signins_7cieEB.DERIVED.ndjson"));
        if (path.isEmpty())
            QSKIP("../shared/samples is absent");
        const QByteArray data = readAll(path);
        QCOMPARE(detectedName(data.left(65536)), QStringLiteral("entra"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("entra"), data.toStdString(), sink).ok());
        for (const Reject &r : sink.rejects)
            qWarning("reject line %lld: %s", static_cast<long long>(r.line), r.reason.c_str());
        QCOMPARE(sink.rejects.size(), size_t(0));
        QVERIFY(sink.events.size() > 0);
        QCOMPARE(sink.events[0].sourceIp, std::string("2600:100f:a100:735:2c45:127a:aaaa:0"));
        QCOMPARE(sink.events[0].mfa, std::string("claim:success"));
        qInfo("entra sample: %zu events, %zu rejects", sink.events.size(), sink.rejects.size());
    }
};

QTEST_GUILESS_MAIN(TestEntra)
#include "tst_entra.moc"
