// Google Cloud audit logs and the Azure activity log: golden files from gen_auditlogs,
// detection against the other JSON formats, and CloudTrail's assumed-role user names.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestCloudAudit : public QObject
{
    Q_OBJECT

private:
    const Importer &imp(const char *name) { return *findImporter(QString::fromLatin1(name)); }
    const QString gen = QStringLiteral("gen_auditlogs");

private Q_SLOTS:
    void goldenGcp()
    {
        const QByteArray in = generatedInput(QStringLiteral("gcp-audit"),
                                             QStringLiteral("gcp-audit/audit.jsonl"), 12, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("gcp-audit"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("gcp-audit"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(1)); // not an audit entry
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("gcp-audit/audit.expected.jsonl")));
    }

    void gcpFields()
    {
        const std::string rec = quoted(
                "{'protoPayload':{'status':{'code':7},'authenticationInfo':{'principalEmail':"
                "'eve@example.com'},'requestMetadata':{'callerIp':'2001:DB8::5',"
                "'callerSuppliedUserAgent':'gcloud'},'serviceName':'iam.googleapis.com',"
                "'methodName':'SetIamPolicy'},'timestamp':'2024-03-01T08:00:00.123456789Z'}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(imp("gcp-audit"), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.sourceIp, std::string("2001:db8::5"));
        QCOMPARE(e.userName, std::string("eve@example.com"));
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.category, std::string("iam"));
        QCOMPARE(e.userAgent, std::string("gcloud"));
    }

    void goldenAzureActivity()
    {
        const QByteArray in
                = generatedInput(QStringLiteral("azure-activity"),
                                 QStringLiteral("azure-activity/activity.jsonl"), 12, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("azure-activity"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("azure-activity"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(1)); // no time
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("azure-activity/activity.expected.jsonl")));
    }

    void entraSignInsStayWithEntra()
    {
        // The Monitor export of sign-ins shares the activity log's envelope.
        const QByteArray in = readAll(goldenPath(QStringLiteral("entra/monitor.jsonl")));
        QCOMPARE(detectedName(in), QStringLiteral("entra"));
        QCOMPARE(imp("azure-activity").detect(in.toStdString()), 0);
    }

    void cloudTrailAssumedRoleUserName()
    {
        const std::string rec = quoted(
                "{'eventTime':'2024-03-01T08:00:00Z','eventName':'GetObject','eventSource':"
                "'s3.amazonaws.com','userIdentity':{'type':'AssumedRole','arn':"
                "'arn:aws:sts::111122223333:assumed-role/Admin/s1','sessionContext':"
                "{'sessionIssuer':{'userName':'Admin'}}}}\n"
                "{'eventTime':'2024-03-01T08:00:00Z','eventName':'ConsoleLogin','eventSource':"
                "'signin.amazonaws.com','userIdentity':{'type':'AssumedRole','arn':"
                "'arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_x/ann'},"
                "'additionalEventData':{'UserName':'ann'}}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(imp("cloudtrail"), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(2));
        QCOMPARE(sink.events[0].userName, std::string("Admin"));
        QCOMPARE(sink.events[1].userName, std::string("ann"));
        const auto labels = nlohmann::json::parse(sink.events[0].labels);
        QCOMPARE(labels["identity_arn"].get<std::string>(),
                 std::string("arn:aws:sts::111122223333:assumed-role/Admin/s1"));
    }
};

QTEST_GUILESS_MAIN(TestCloudAudit)
#include "tst_cloudaudit.moc"
