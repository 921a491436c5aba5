// Web front-door logs (issue 25): AWS ALB / Classic ELB access logs, CloudFront standard logs
// and Cloudflare Logpush HTTP requests. Golden files from gen_auditlogs, and the cases a
// generator does not show: a CloudFront file without its headers, a field list in another order,
// Cloudflare's timestamp options.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestWebFront : public QObject
{
    Q_OBJECT

private:
    const Importer &imp(const char *name) { return *findImporter(QString::fromLatin1(name)); }
    const QString gen = QStringLiteral("gen_auditlogs");

    struct NoteSink : CollectingSink
    {
        std::vector<std::string> notes;
        void note(std::string_view t) override { notes.emplace_back(t); }
    };

private Q_SLOTS:
    void albGolden()
    {
        const QByteArray in = generatedInput(QStringLiteral("aws-alb"),
                                             QStringLiteral("aws-alb/alb.log"), 12, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("aws-alb"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("aws-alb"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(13)); // 12 ALB lines and one Classic ELB line
        QCOMPARE(sink.rejects.size(), size_t(2)); // not an address, unterminated quote
        const Event &classic = sink.events.back();
        QCOMPARE(classic.sourceIp, std::string("192.0.2.44"));
        QCOMPARE(classic.sourcePort, 41002);
        QCOMPARE(classic.userAgent, std::string("curl/8.5.0"));
        QCOMPARE(classic.httpMethod, std::string("GET"));
        QVERIFY(matchesGolden(renderEcsLines(sink), QStringLiteral("aws-alb/alb.expected.jsonl")));
    }

    void albFields()
    {
        const std::string line
                = "h2 2024-03-01T08:00:00.123456Z app/web/50dc6c495c0c9188 [2001:db8::7]:50123 "
                  "10.0.1.20:8080 0.001 0.010 0.000 401 401 120 560 \"POST "
                  "https://www.example.com:443/login HTTP/2.0\" \"Agent \\\"quoted\\\"\" "
                  "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:tg \"Root=1-abc\" \"www.example.com\" "
                  "\"-\" 1 2024-03-01T08:00:00.111000Z \"forward\" \"-\" \"-\" \"10.0.1.20:8080\" "
                  "\"401\" \"-\" \"-\" TID_1 extra-field\n";
        QCOMPARE(detectedName(QByteArray::fromStdString(line)), QStringLiteral("aws-alb"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("aws-alb"), line, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.sourceIp, std::string("2001:db8::7"));
        QCOMPARE(e.sourcePort, 50123);
        QCOMPARE(e.httpMethod, std::string("POST"));
        QCOMPARE(e.urlPath, std::string("https://www.example.com:443/login"));
        QCOMPARE(e.userAgent, std::string("Agent \"quoted\""));
        QCOMPARE(e.statusCode, 401);
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.sourceBytes, std::int64_t(120));
        QCOMPARE(e.destinationBytes, std::int64_t(560));
        QCOMPARE(e.durationUs, std::int64_t(11000));
        QCOMPARE(e.destinationDomain, std::string("www.example.com"));
        QCOMPARE(e.timestampUs, std::int64_t(1709280000123456));
        QVERIFY(e.labels.find("\"tls_protocol\":\"TLSv1.2\"") != std::string::npos);
        QVERIFY(e.labels.find("\"trace_id\":\"Root=1-abc\"") != std::string::npos);
        QVERIFY(e.labels.find("\"field_31\":\"extra-field\"") != std::string::npos);
    }

    void cloudFrontGolden()
    {
        const QByteArray in = generatedInput(QStringLiteral("cloudfront"),
                                             QStringLiteral("cloudfront/standard.log"), 12, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("cloudfront"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("cloudfront"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(2)); // hour 25, short line
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("cloudfront/standard.expected.jsonl")));
    }

    void cloudFrontFieldOrder()
    {
        // A field list in another order (and fewer fields) maps by name; the user agent is
        // decoded, twice-encoded ones too.
        const std::string in = "#Version: 1.0\n"
                               "#Fields: c-ip time date cs(User-Agent) sc-status cs-uri-stem "
                               "cs-uri-query x-edge-location\n"
                               "198.51.100.7\t08:01:02\t2024-03-01\tMozilla/5.0%2520(X11)\t403\t"
                               "/admin\ta=1\tFRA56-P1\n";
        QCOMPARE(detectedName(QByteArray::fromStdString(in)), QStringLiteral("cloudfront"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("cloudfront"), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.sourceIp, std::string("198.51.100.7"));
        QCOMPARE(e.userAgent, std::string("Mozilla/5.0 (X11)"));
        QCOMPARE(e.urlPath, std::string("/admin?a=1"));
        QCOMPARE(e.statusCode, 403);
        QCOMPARE(e.timestampUs, std::int64_t(1709280062) * 1000000);
        QVERIFY(e.labels.find("\"x_edge_location\":\"FRA56-P1\"") != std::string::npos);
    }

    void cloudFrontWithoutHeader()
    {
        // The data lines of the golden file without its two header lines.
        QByteArray in = readAll(goldenPath(QStringLiteral("cloudfront/standard.log")));
        for (int i = 0; i < 2; ++i)
            in = in.mid(in.indexOf('\n') + 1);
        QCOMPARE(detectedName(in), QStringLiteral("cloudfront"));
        NoteSink sink;
        QVERIFY(parseBytes(imp("cloudfront"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.notes.size(), size_t(1));
    }

    void otherW3cIsNotCloudFront()
    {
        const std::string iis = "#Software: Microsoft Internet Information Services 10.0\n"
                                "#Fields: date time s-ip cs-method cs-uri-stem c-ip sc-status\n";
        QCOMPARE(imp("cloudfront").detect(iis), 0);
    }

    void cloudflareGolden()
    {
        const QByteArray in = generatedInput(QStringLiteral("cloudflare"),
                                             QStringLiteral("cloudflare/http.jsonl"), 12, gen);
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("cloudflare"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("cloudflare"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(2)); // no time, unreadable time
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("cloudflare/http.expected.jsonl")));
    }

    void cloudflareTimestamps()
    {
        // The same instant under Logpush's three timestamp options.
        const char *stamps[] = {"1709280000500000000", "1709280000", "\"2024-03-01T08:00:00Z\""};
        const std::int64_t want[] = {1709280000500000, 1709280000000000, 1709280000000000};
        for (int i = 0; i < 3; ++i) {
            const std::string rec = std::string("{\"ClientIP\":\"203.0.113.5\",\"RayID\":\"1\","
                                                "\"EdgeStartTimestamp\":")
                                    + stamps[i] + ",\"ClientSSLProtocol\":\"TLSv1.3\"}\n";
            CollectingSink sink;
            QVERIFY(parseBytes(imp("cloudflare"), rec, sink).ok());
            QCOMPARE(sink.events.size(), size_t(1));
            QCOMPARE(sink.events[0].timestampUs, want[i]);
            QCOMPARE(sink.events[0].sourceIp, std::string("203.0.113.5"));
            QVERIFY(sink.events[0].labels.find("\"client_ssl_protocol\":\"TLSv1.3\"")
                    != std::string::npos);
        }
    }

    void cloudflareFirewallEvent()
    {
        const std::string rec = quoted(
                "{'Action':'block','ClientIP':'2001:db8::5','ClientRequestHost':'www.example.com',"
                "'ClientRequestMethod':'POST','ClientRequestPath':'/wp-login.php',"
                "'ClientRequestQuery':'?a=1','Datetime':'2024-03-01T08:00:00Z',"
                "'RayID':'7f00aa','Source':'firewallManaged'}\n");
        QCOMPARE(detectedName(QByteArray::fromStdString(rec)), QStringLiteral("cloudflare"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("cloudflare"), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.action, std::string("firewall_event"));
        QCOMPARE(e.sourceIp, std::string("2001:db8::5"));
        QCOMPARE(e.urlPath, std::string("/wp-login.php?a=1"));
        QCOMPARE(e.timestampUs, std::int64_t(1709280000) * 1000000);
        QVERIFY(e.labels.find("\"action\":\"block\"") != std::string::npos);
        QVERIFY(e.labels.find("\"source\":\"firewallManaged\"") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestWebFront)
#include "tst_webfront.moc"
