// Google Workspace Reports API login audit (issue 25): an activities.list page from
// gen_morelogs.py, one event per events[] entry, and single activities as JSON lines.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/implogs_case.h"

#include <QTest>

#include <set>

using namespace netcase;
using namespace netcase::test;

class TestWorkspace : public QObject
{
    Q_OBJECT

private:
    const Importer &imp() { return *findImporter(QStringLiteral("google-workspace")); }

private Q_SLOTS:
    void golden()
    {
        const QString path = netlogInput(QStringLiteral("google-workspace"),
                                         QStringLiteral("google-workspace/activities.json"), 12,
                                         QStringLiteral("gen_morelogs.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in), QStringLiteral("google-workspace"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(14)); // 12 activities, two of them with 2 events
        QCOMPARE(sink.rejects.size(), size_t(3)); // no time, bad time, no events
        std::set<std::int64_t> lines;
        for (const Event &e : sink.events)
            lines.insert(e.line);
        QCOMPARE(lines.size(), sink.events.size()); // record numbers stay unique
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("google-workspace/activities.expected.jsonl")));
    }

    void jsonLines()
    {
        const std::string in = quoted(
                "{'kind':'admin#reports#activity','id':{'time':'2024-03-01T08:00:00.000Z',"
                "'applicationName':'login'},'actor':{'email':'alice@example.com'},'ipAddress':"
                "'198.51.100.7','events':[{'type':'login','name':'login_failure','parameters':"
                "[{'name':'login_type','value':'google_password'},{'name':'login_failure_type',"
                "'value':'login_failure_invalid_password'},{'name':'is_suspicious','boolValue':"
                "true}]}]}\n"
                "{'kind':'admin#reports#activity','id':{'time':'2024-03-01T08:01:00.000Z',"
                "'applicationName':'login'},'actor':{'email':'bob@example.com'},'ipAddress':"
                "'2001:db8::5','events':[{'type':'login','name':'login_challenge','parameters':"
                "[{'name':'login_challenge_method','multiValue':['password','totp']},{'name':"
                "'login_challenge_status','value':'Challenge Passed'}]},{'type':'login','name':"
                "'login_success'}]}\n");
        QCOMPARE(detectedName(QByteArray::fromStdString(in)), QStringLiteral("google-workspace"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(3));
        const Event &f = sink.events[0];
        QCOMPARE(f.sourceIp, std::string("198.51.100.7"));
        QCOMPARE(f.userName, std::string("alice@example.com"));
        QCOMPARE(f.action, std::string("login_failure"));
        QCOMPARE(f.category, std::string("authentication"));
        QCOMPARE(f.outcome, Outcome::Failure);
        QCOMPARE(f.timestampUs, std::int64_t(1709280000) * 1000000);
        QVERIFY(f.labels.find("\"login_failure_type\":\"login_failure_invalid_password\"")
                != std::string::npos);
        QVERIFY(f.labels.find("\"is_suspicious\":\"true\"") != std::string::npos);
        const Event &c = sink.events[1];
        QCOMPARE(c.action, std::string("login_challenge"));
        QCOMPARE(c.outcome, Outcome::Success);
        QCOMPARE(c.mfa, std::string("password,totp"));
        QCOMPARE(c.sourceIp, std::string("2001:db8::5"));
        QCOMPARE(sink.events[2].action, std::string("login_success"));
        QCOMPARE(sink.events[2].userName, std::string("bob@example.com"));
        QCOMPARE(sink.events[2].line, std::int64_t(3)); // after the activity's first event
        QCOMPARE(sink.raws[2], sink.raws[1]);           // both keep the activity as raw record
    }

    void gcpAuditStaysGcp()
    {
        // Workspace login events routed to Cloud Logging are LogEntry objects: still gcp-audit.
        const QByteArray in = QByteArray::fromStdString(quoted(
                "{'protoPayload':{'@type':'type.googleapis.com/google.cloud.audit.AuditLog',"
                "'serviceName':'login.googleapis.com','methodName':'google.login.LoginService."
                "loginFailure','authenticationInfo':{'principalEmail':'a@example.com'},"
                "'requestMetadata':{'callerIp':'198.51.100.7'}},'timestamp':"
                "'2024-03-01T08:00:00Z','logName':'organizations/1/logs/cloudaudit.googleapis."
                "com%2Fdata_access'}\n"));
        QCOMPARE(detectedName(in), QStringLiteral("gcp-audit"));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
