// Okta System Log importer: golden files (JSON lines and a pretty-printed array), field mapping,
// rejects, detection, and the real sample from ../shared when present.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestOkta : public QObject
{
    Q_OBJECT

private:
    const Importer &okta() { return *findImporter(QStringLiteral("okta")); }

private Q_SLOTS:
    void goldenJsonLines()
    {
        const QByteArray in
                = generatedInput(QStringLiteral("okta-jsonl"), QStringLiteral("okta/events.jsonl"));
        QVERIFY(!in.isEmpty());
        CollectingSink sink;
        QVERIFY(parseBytes(okta(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(3)); // broken JSON, no time, not JSON
        QVERIFY(matchesGolden(renderEcsLines(sink), QStringLiteral("okta/events.expected.jsonl")));
    }

    void goldenArray()
    {
        const QByteArray in = generatedInput(QStringLiteral("okta-array"),
                                             QStringLiteral("okta/array.json"), 5);
        QVERIFY(!in.isEmpty());
        CollectingSink sink;
        QVERIFY(parseBytes(okta(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(5));
        QCOMPARE(sink.rejects.size(), size_t(0));
        // Each element's line is where it starts in the pretty-printed file.
        QCOMPARE(sink.events[0].line, 2);
        QVERIFY(sink.events[1].line > sink.events[0].line + 5);
        QVERIFY(matchesGolden(renderEcsLines(sink), QStringLiteral("okta/array.expected.jsonl")));
    }

    void mapsFields()
    {
        // Single quotes stand for double quotes (moc cannot read raw string literals).
        const std::string rec = quoted(
                "{'uuid':'u1','published':'2024-05-01T10:00:00.123Z','eventType':"
                "'user.authentication.auth_via_mfa','actor':{'alternateId':'eve@example.com'},"
                "'client':{'ipAddress':'2001:DB8:0:0:0:0:0:1','userAgent':{'rawUserAgent':"
                "'UA \\'q\\''}},'outcome':{'result':'FAILURE','reason':'INVALID_CREDENTIALS'},"
                "'authenticationContext':{'externalSessionId':'s-9','authenticationProvider':"
                "'FACTOR_PROVIDER','credentialType':'OTP'},'debugContext':{'debugData':"
                "{'requestId':'r-1','factor':'OKTA_VERIFY_PUSH'}},'securityContext':"
                "{'asNumber':64500,'isProxy':true}}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(okta(), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.sourceIp, std::string("2001:db8::1"));
        QCOMPARE(e.userName, std::string("eve@example.com"));
        QCOMPARE(e.userAgent, std::string("UA \"q\""));
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.sessionId, std::string("s-9"));
        QCOMPARE(e.mfa, std::string("okta_verify_push:failure"));
        QCOMPARE(e.category, std::string("authentication"));
        QCOMPARE(e.tzOffsetMin, std::int16_t(0));
        const auto labels = nlohmann::json::parse(e.labels);
        QCOMPARE(labels["request_id"].get<std::string>(), std::string("r-1"));
        QCOMPARE(labels["as_number"].get<int>(), 64500);
        QCOMPARE(labels["is_proxy"].get<bool>(), true);
        QCOMPARE(labels["outcome_reason"].get<std::string>(), std::string("INVALID_CREDENTIALS"));
    }

    void truncatedFileIsAReject()
    {
        CollectingSink sink;
        QVERIFY(parseBytes(okta(),
                           "[{\"published\":\"2024-01-01T00:00:00Z\",\"eventType\":\"x\"},"
                           "\n{\"published\":",
                           sink)
                        .ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.rejects.size(), size_t(1));
        QCOMPARE(sink.rejects[0].line, 2);
    }

    void oversizeRecordIsARejectAndTheRestImports()
    {
        std::string data = "{\"published\":\"2024-01-01T00:00:00Z\",\"eventType\":\"";
        data.append(17u << 20, 'x'); // over the 16 MiB record limit
        data += "\"}\n{\"published\":\"2024-01-01T00:00:01Z\",\"eventType\":\"ok\"}\n";
        CollectingSink sink;
        QVERIFY(parseBytes(okta(), std::move(data), sink).ok());
        QCOMPARE(sink.rejects.size(), size_t(1));
        QVERIFY(sink.rejects[0].reason.find("16 MiB") != std::string::npos);
        QVERIFY(sink.rejects[0].raw.size() <= 4096);
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.events[0].line, 2);
    }

    void detects()
    {
        const QByteArray in = readAll(goldenPath(QStringLiteral("okta/events.jsonl")));
        QCOMPARE(detectedName(in.left(65536)), QStringLiteral("okta"));
        const QByteArray arr = readAll(goldenPath(QStringLiteral("okta/array.json")));
        QCOMPARE(detectedName(arr), QStringLiteral("okta"));
        // A sample cut inside the first record still detects by its keys.
        QCOMPARE(okta().detect(arr.left(400).toStdString()) >= 70, true);
    }

    void realSample()
    {
        const QString path
                = sharedSample(QStringLiteral("okta/cribl-okta-rest_I4942I.DERIVED.ndjson"));
        if (path.isEmpty())
            QSKIP("../shared/samples is absent");
        const QByteArray data = readAll(path);
        QCOMPARE(detectedName(data.left(65536)), QStringLiteral("okta"));
        CollectingSink sink;
        QVERIFY(parseBytes(okta(), data.toStdString(), sink).ok());
        for (const Reject &r : sink.rejects)
            qWarning("reject line %lld: %s", static_cast<long long>(r.line), r.reason.c_str());
        QCOMPARE(sink.rejects.size(), size_t(0));
        QCOMPARE(sink.events.size(), size_t(100));
        qInfo("okta sample: %zu events, %zu rejects", sink.events.size(), sink.rejects.size());
    }
};

QTEST_GUILESS_MAIN(TestOkta)
#include "tst_okta.moc"
