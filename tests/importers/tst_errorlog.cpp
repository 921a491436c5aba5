// Apache and Nginx error logs (issue 25): the golden file from gen_morelogs.py, and the forms a
// generator does not show: a stamp without a year, the ISO stamp of ErrorLogFormat %{cu}t,
// IPv6 clients with a port, a local time zone.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestErrorLog : public QObject
{
    Q_OBJECT

private:
    const Importer &imp() { return *findImporter(QStringLiteral("web-error")); }

    Event one(const std::string &line, const ImportOptions &options = {})
    {
        CollectingSink sink;
        if (!parseBytes(imp(), line + "\n", sink, options).ok() || sink.events.size() != 1)
            return {};
        return sink.events[0];
    }

private Q_SLOTS:
    void golden()
    {
        const QString path
                = netlogInput(QStringLiteral("web-error"), QStringLiteral("web-error/error.log"),
                              12, QStringLiteral("gen_morelogs.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in), QStringLiteral("web-error"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(2)); // hour 25, an unknown level
        QCOMPARE(sink.rejects[0].kind, RejectKind::BadTime);
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("web-error/error.expected.jsonl")));
    }

    void apache24()
    {
        const Event e = one("[Wed Oct 11 14:32:52.123456 2023] [core:error] [pid 1234:tid 5678] "
                            "[client 1.2.3.4:5678] AH00126: Invalid URI in request GET /x");
        QCOMPARE(e.sourceIp, std::string("1.2.3.4"));
        QCOMPARE(e.sourcePort, 5678);
        QCOMPARE(e.category, std::string("web"));
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.timestampUs, std::int64_t(1697034772123456));
        QCOMPARE(e.tzOffsetMin, std::int16_t(0));
        QVERIFY(e.labels.find("\"log_level\":\"error\"") != std::string::npos);
        QVERIFY(e.labels.find("\"log_logger\":\"core\"") != std::string::npos);
        QVERIFY(e.labels.find("\"error_code\":\"AH00126\"") != std::string::npos);
        QVERIFY(e.labels.find("\"process_pid\":\"1234\"") != std::string::npos);
        QVERIFY(e.labels.find("\"message\":\"AH00126: Invalid URI in request GET /x\"")
                != std::string::npos);
    }

    void apacheIpv6WithPort()
    {
        // 2.4 writes address:port with no brackets, also for IPv6.
        const Event e = one("[Thu Feb 14 09:18:47.234230 2013] [core:warn] [pid 2333:tid 23] "
                            "[client 2001:db8::1:51234] File does not exist: /x");
        QCOMPARE(e.sourceIp, std::string("2001:db8::1"));
        QCOMPARE(e.sourcePort, 51234);
        QCOMPARE(e.outcome, Outcome::Unknown); // warn is not a failure
    }

    void apache22()
    {
        const Event e = one("[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] client denied "
                            "by server configuration: /export/home/live/ap/htdocs/test");
        QCOMPARE(e.sourceIp, std::string("127.0.0.1"));
        QCOMPARE(e.sourcePort, -1);
        QCOMPARE(e.timestampUs, std::int64_t(971274772) * 1000000);
        QCOMPARE(e.outcome, Outcome::Failure);
        const Event v6 = one("[Wed Oct 11 14:32:52 2000] [notice] [client ::1] x");
        QCOMPARE(v6.sourceIp, std::string("::1"));
        // No client at all (server messages).
        const Event none = one("[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok");
        QVERIFY(none.sourceIp.empty());
        QCOMPARE(none.timestampUs, std::int64_t(1133671664) * 1000000);
    }

    void yearlessAndIso()
    {
        ImportOptions o;
        o.year = 2023;
        const Event e = one("[Wed Oct 11 14:32:52] [error] [client 192.0.2.9] x", o);
        QCOMPARE(e.timestampUs, std::int64_t(1697034772) * 1000000);
        QCOMPARE(e.sourceIp, std::string("192.0.2.9"));
        const Event iso = one("[2023-10-11 14:32:52.500000] [ssl:error] [pid 9] [client "
                              "192.0.2.9:443] AH02032: x");
        QCOMPARE(iso.timestampUs, std::int64_t(1697034772500000));
        QCOMPARE(iso.sourcePort, 443);
    }

    void localZone()
    {
        ImportOptions o;
        o.timezone = QStringLiteral("+02:00");
        const Event e = one("2023/10/11 14:32:52 [error] 1234#1234: *5 open() failed", o);
        QCOMPARE(e.timestampUs, std::int64_t(1697034772 - 7200) * 1000000);
        QCOMPARE(e.tzOffsetMin, std::int16_t(120));
    }

    void nginx()
    {
        const Event e = one("2023/10/11 14:32:52 [error] 1234#1234: *5 open() \"/usr/share/nginx/"
                            "html/x\" failed (2: No such file or directory), client: 1.2.3.4, "
                            "server: x, request: \"GET /p?a=1 HTTP/1.1\", upstream: "
                            "\"http://127.0.0.1:8080/p\", host: \"h.example\", referrer: "
                            "\"http://r/\"");
        QCOMPARE(e.sourceIp, std::string("1.2.3.4"));
        QCOMPARE(e.httpMethod, std::string("GET"));
        QCOMPARE(e.urlPath, std::string("/p?a=1"));
        QCOMPARE(e.destinationDomain, std::string("h.example"));
        QCOMPARE(e.outcome, Outcome::Failure);
        QVERIFY(e.labels.find("\"connection_id\":\"5\"") != std::string::npos);
        QVERIFY(e.labels.find("\"server_name\":\"x\"") != std::string::npos);
        QVERIFY(e.labels.find("\"upstream\":\"http://127.0.0.1:8080/p\"") != std::string::npos);
        QVERIFY(e.labels.find("\"http_referrer\":\"http://r/\"") != std::string::npos);
        QVERIFY(e.labels.find("\"message\":\"open() \\\"/usr/share/nginx/html/x\\\" failed (2: "
                              "No such file or directory)\"")
                != std::string::npos);
        const Event auth = one("2023/10/11 14:32:52 [error] 12#12: *9 user \"bob\": password "
                               "mismatch, client: 192.0.2.4, server: x, request: \"GET / "
                               "HTTP/1.1\", host: \"h\"");
        QCOMPARE(auth.userName, std::string("bob"));
        QCOMPARE(auth.sourceIp, std::string("192.0.2.4"));
        // A server message without a client or a connection.
        const Event s = one("2023/10/11 14:32:52 [notice] 1#1: signal process started");
        QVERIFY(s.sourceIp.empty());
        QCOMPARE(s.outcome, Outcome::Unknown);
    }

    void notAnErrorLog()
    {
        // An access log line is not read as an error log, and the access log keeps its format.
        const QByteArray access = "192.0.2.1 - - [11/Oct/2023:14:32:52 +0000] \"GET / HTTP/1.1\" "
                                  "200 12 \"-\" \"curl/8\"\n";
        QCOMPARE(detectedName(access), QStringLiteral("apache"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), access.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(0));
        QCOMPARE(sink.rejects.size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestErrorLog)
#include "tst_errorlog.moc"
