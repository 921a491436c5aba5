// CloudTrail importer: golden {"Records": [...]} file, service names kept as source.domain,
// ConsoleLogin outcome and MFA, and the real flaws2 samples (gunzipped) from ../shared.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"

#include <QDir>
#include <QProcess>
#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestCloudTrail : public QObject
{
    Q_OBJECT

private:
    static const Importer &trail() { return *findImporter(QStringLiteral("cloudtrail")); }

private Q_SLOTS:
    void golden()
    {
        const QByteArray in = generatedInput(QStringLiteral("cloudtrail"),
                                             QStringLiteral("cloudtrail/records.json"));
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("cloudtrail"));
        CollectingSink sink;
        QVERIFY(parseBytes(trail(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(1)); // the record without eventTime
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("cloudtrail/records.expected.jsonl")));
    }

    void serviceNamesAreDomains()
    {
        const std::string recs = quoted(
                "{'eventTime':'2024-01-01T00:00:00Z','eventName':'AssumeRole','eventSource':"
                "'sts.amazonaws.com','sourceIPAddress':'ec2.amazonaws.com'}\n"
                "{'eventTime':'2024-01-01T00:00:01Z','eventName':'Decrypt','eventSource':"
                "'kms.amazonaws.com','sourceIPAddress':'AWS Internal','errorCode':'AccessDenied'}\n"
                "{'eventTime':'2024-01-01T00:00:02Z','eventName':'ConsoleLogin','eventSource':"
                "'signin.amazonaws.com','sourceIPAddress':'2001:db8::5','userIdentity':{'type':"
                "'Root','arn':'arn:aws:iam::1:root'},'responseElements':{'ConsoleLogin':"
                "'Failure'},'additionalEventData':{'MFAUsed':'Yes'}}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(trail(), recs, sink).ok());
        QCOMPARE(sink.events.size(), size_t(3));
        QCOMPARE(sink.events[0].sourceIp, std::string());
        QCOMPARE(sink.events[0].sourceDomain, std::string("ec2.amazonaws.com"));
        QCOMPARE(sink.events[0].category, std::string("authentication"));
        QCOMPARE(sink.events[1].sourceDomain, std::string("AWS Internal"));
        QCOMPARE(sink.events[1].outcome, Outcome::Failure);
        QCOMPARE(sink.events[2].sourceIp, std::string("2001:db8::5"));
        QCOMPARE(sink.events[2].outcome, Outcome::Failure);
        QCOMPARE(sink.events[2].mfa, std::string("mfa:failure"));
        QCOMPARE(sink.events[2].userName, std::string("arn:aws:iam::1:root"));
    }

    void realSamples()
    {
        const QString first = sharedSample(QStringLiteral(
                "cloudtrail/"
                "653711331788_CloudTrail_us-east-1_20181128T2235Z_cR9ra7OH1rytWyXY.json.gz"));
        if (first.isEmpty())
            QSKIP("../shared/samples is absent");
        const QDir dir = QFileInfo(first).dir();
        int files = 0;
        size_t events = 0, rejects = 0;
        for (const QString &name : dir.entryList({QStringLiteral("*.json.gz")}, QDir::Files)) {
            QProcess gz;
            gz.start(QStringLiteral("gzip"), {QStringLiteral("-dc"), dir.filePath(name)});
            QVERIFY(gz.waitForFinished());
            const QByteArray data = gz.readAllStandardOutput();
            QVERIFY(!data.isEmpty());
            QCOMPARE(detectedName(data.left(65536)), QStringLiteral("cloudtrail"));
            CollectingSink sink;
            QVERIFY(parseBytes(trail(), data.toStdString(), sink).ok());
            for (const Reject &r : sink.rejects)
                qWarning("%s line %lld: %s", qPrintable(name), static_cast<long long>(r.line),
                         r.reason.c_str());
            ++files;
            events += sink.events.size();
            rejects += sink.rejects.size();
        }
        QCOMPARE(files, 8);
        QCOMPARE(rejects, size_t(0));
        QVERIFY(events > 0);
        qInfo("cloudtrail samples: %d files, %zu events, %zu rejects", files, events, rejects);
    }
};

QTEST_GUILESS_MAIN(TestCloudTrail)
#include "tst_cloudtrail.moc"
