// CloudFront real-time logs and the Cloudflare datasets beyond HTTP requests and firewall events
// (issue 25): golden files from tests/fixtures/gen_cdnlogs.py, the real-time log's field list
// given with --mapping (the configuration's JSON, a list of names, a file), and each Cloudflare
// dataset's addresses and accounts in the event's ECS fields.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/implogs_case.h"

#include <QTemporaryDir>
#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestCdnLogs : public QObject
{
    Q_OBJECT

private:
    const Importer &imp(const char *name) { return *findImporter(QString::fromLatin1(name)); }
    const QString kGen = QStringLiteral("gen_cdnlogs.py");

    static bool hasLabel(const Event &e, const std::string &keyValue)
    {
        return e.labels.find(keyValue) != std::string::npos;
    }

private Q_SLOTS:
    void realtimeGolden()
    {
        const QString path
                = netlogInput(QStringLiteral("cloudfront-realtime"),
                              QStringLiteral("cloudfront-realtime/realtime.log"), 15, kGen);
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in), QStringLiteral("cloudfront-realtime"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("cloudfront-realtime"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(15));
        QCOMPARE(sink.rejects.size(), size_t(2)); // a field short, a bad timestamp
        QCOMPARE(sink.rejects[0].kind, RejectKind::Layout);
        QCOMPARE(sink.rejects[1].kind, RejectKind::BadTime);
        const Event &e = sink.events[0];
        QCOMPARE(e.timestampUs, std::int64_t(1709280000000000));
        QCOMPARE(e.destinationDomain, std::string("www.example.com")); // cs-host
        QVERIFY(hasLabel(e, "\"distribution_domain\":\"d111111abcdef8.cloudfront.net\""));
        QCOMPARE(e.statusCode, 200);
        QVERIFY(e.sourcePort > 0);
        // cs-uri-stem holds the query already: not appended twice.
        QCOMPARE(sink.events[2].urlPath, std::string("/api/v1/token?user=admin"));
        QCOMPARE(sink.events[1].userAgent, std::string("Mozilla/5.0 (X11; Linux x86_64)"));
        QCOMPARE(sink.events[4].clientIp, std::string("203.0.113.5")); // x-forwarded-for
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("cloudfront-realtime/realtime.expected.jsonl")));
    }

    void realtimeFieldList()
    {
        const QString path
                = netlogInput(QStringLiteral("cloudfront-realtime-subset"),
                              QStringLiteral("cloudfront-realtime/subset.expected.log"), 15, kGen);
        QVERIFY(!path.isEmpty());
        const std::string in = readAll(path).toStdString();
        // Seven fields: not recognised by content, and not readable as every field (hence
        // ".expected." in its name: the folder-detection tests skip it).
        QCOMPARE(imp("cloudfront-realtime").detect(in), 0);
        CollectingSink none;
        QVERIFY(parseBytes(imp("cloudfront-realtime"), in, none).ok());
        QCOMPARE(none.events.size(), size_t(0));
        QVERIFY2(none.rejects[0].reason.find("--mapping") != std::string::npos,
                 none.rejects[0].reason.c_str());

        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("config.json"));
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // What `aws cloudfront get-realtime-log-config` prints.
        f.write(R"({"RealtimeLogConfig": {"ARN": "arn:aws:cloudfront::1:realtime-log-config/x",
                  "Name": "x", "SamplingRate": 100, "EndPoints": [], "Fields": ["timestamp",
                  "c-ip", "sc-status", "cs-method", "cs-host", "cs-uri-stem", "c-port"]}})");
        f.close();
        const QString list = QStringLiteral("timestamp c-ip sc-status cs-method cs-host "
                                            "cs-uri-stem c-port");
        for (const QString &mapping :
             {config, list,
              QStringLiteral("[\"timestamp\",\"c-ip\",\"sc-status\",\"cs-method\","
                             "\"cs-host\",\"cs-uri-stem\",\"c-port\"]")}) {
            ImportOptions options;
            options.mapping = mapping;
            CollectingSink sink;
            QVERIFY(parseBytes(imp("cloudfront-realtime"), in, sink, options).ok());
            QCOMPARE(sink.events.size(), size_t(15));
            QCOMPARE(sink.rejects.size(), size_t(2));
            QCOMPARE(sink.events[1].statusCode, 403);
            QCOMPARE(sink.events[1].httpMethod, std::string("POST"));
            QCOMPARE(sink.events[1].destinationDomain, std::string("www.example.com"));
            QVERIFY(!sink.events[1].sourceIp.empty());
        }
        ImportOptions bad;
        bad.mapping = QStringLiteral("{\"mapping\": {}}");
        CollectingSink sink;
        const Status st = parseBytes(imp("cloudfront-realtime"), in, sink, bad);
        QVERIFY(!st.ok());
        QVERIFY(st.error().message.contains(QStringLiteral("Fields")));
    }

    void cloudflareDatasets()
    {
        const QString path = netlogInput(QStringLiteral("cloudflare-datasets"),
                                         QStringLiteral("cloudflare/datasets.jsonl"), 15, kGen);
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in), QStringLiteral("cloudflare"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("cloudflare"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(15));
        QCOMPARE(sink.rejects.size(), size_t(1));
        QCOMPARE(sink.rejects[0].kind, RejectKind::BadTime);
        // dns_logs
        const Event &dns = sink.events[0];
        QCOMPARE(dns.action, std::string("dns_query"));
        QVERIFY(!dns.sourceIp.empty());
        QVERIFY(hasLabel(dns, "\"dns_question_name\":\"www.example.com\""));
        // gateway_dns: the account, the resolver's address and port
        const Event &gdns = sink.events[1];
        QCOMPARE(gdns.action, std::string("dns_query"));
        QVERIFY(gdns.userName.ends_with("@example.com"));
        QCOMPARE(gdns.destinationIp, std::string("172.64.36.1"));
        QCOMPARE(gdns.destinationPort, 53);
        QVERIFY(!gdns.deviceId.empty());
        // gateway_http: a blocked download
        const Event &http = sink.events[2];
        QCOMPARE(http.action, std::string("http_request"));
        QCOMPARE(http.destinationDomain, std::string("files.example.org"));
        QCOMPARE(http.urlPath, std::string("https://files.example.org/f2.zip"));
        QVERIFY(http.userName.ends_with("@example.com"));
        QCOMPARE(http.destinationPort, 443);
        // access_requests: a denied logout (i = 3), an allowed login (i = 8)
        const Event &access = sink.events[3];
        QCOMPARE(access.category, std::string("authentication"));
        QCOMPARE(access.action, std::string("access_logout"));
        QCOMPARE(access.outcome, Outcome::Failure);
        QCOMPARE(access.destinationDomain, std::string("wiki.example.com"));
        QCOMPARE(sink.events[8].action, std::string("access_login"));
        QCOMPARE(sink.events[8].outcome, Outcome::Success);
        // audit_logs: who changed what, from where
        const Event &audit = sink.events[4];
        QCOMPARE(audit.action, std::string("cloudflare_audit"));
        QCOMPARE(audit.outcome, Outcome::Failure); // ActionResult false
        QVERIFY(!audit.sourceIp.empty());
        QVERIFY(hasLabel(audit, "\"action_type\":\"update\""));
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("cloudflare/datasets.expected.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestCdnLogs)
#include "tst_cdnlogs.moc"
