// Zeek dns.log and ssl.log in JSON (the TSV forms have golden files in tst_zeekgolden): records
// without "_path" are recognised by their fields, and the fields with an ECS home land under
// their ECS names.

#include "api/registry.h"
#include "common/impcloud_golden.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestZeekDnsSsl : public QObject
{
    Q_OBJECT

private:
    static bool hasLabel(const Event &e, const std::string &keyValue)
    {
        return e.labels.find(keyValue) != std::string::npos;
    }

private Q_SLOTS:
    void dnsJsonWithoutPath()
    {
        const std::string rec = quoted(
                "{'ts':1709280000.5,'uid':'CdnsA1','id.orig_h':'192.0.2.10','id.orig_p':53000,"
                "'id.resp_h':'192.0.2.53','id.resp_p':53,'proto':'udp','trans_id':4242,"
                "'query':'login.example.org','qclass':1,'qclass_name':'C_INTERNET','qtype':28,"
                "'qtype_name':'AAAA','rcode':3,'rcode_name':'NXDOMAIN','answers':[]}\n");
        QCOMPARE(detectedName(QByteArray::fromStdString(rec)), QStringLiteral("zeek-json"));
        CollectingSink sink;
        QVERIFY(parseBytes(*findImporter(QStringLiteral("zeek-json")), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.action, std::string("dns_query"));
        QCOMPARE(e.sourceIp, std::string("192.0.2.10"));
        QVERIFY(hasLabel(e, "\"dns_question_name\":\"login.example.org\""));
        QVERIFY(hasLabel(e, "\"dns_question_type\":\"AAAA\""));
        QVERIFY(hasLabel(e, "\"dns_response_code\":\"NXDOMAIN\""));
        QVERIFY(hasLabel(e, "\"zeek_log\":\"dns\""));
    }

    void sslJsonWithPath()
    {
        const std::string rec
                = quoted("{'_path':'ssl','ts':'2024-03-01T08:00:00.000000Z','uid':'CsslB2',"
                         "'id.orig_h':'198.51.100.7','id.orig_p':50000,'id.resp_h':'203.0.113.80',"
                         "'id.resp_p':443,'version':'TLSv13','cipher':'TLS_AES_256_GCM_SHA384',"
                         "'server_name':'vpn.example.com','established':true,"
                         "'ja3':'e7d705a3286e19ea42f587b344ee6865'}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(*findImporter(QStringLiteral("zeek-json")), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event &e = sink.events[0];
        QCOMPARE(e.action, std::string("tls_handshake"));
        QCOMPARE(e.destinationDomain, std::string("vpn.example.com"));
        QCOMPARE(e.destinationPort, 443);
        QVERIFY(hasLabel(e, "\"tls_version\":\"1.3\""));
        QVERIFY(hasLabel(e, "\"tls_version_protocol\":\"tls\""));
        QVERIFY(hasLabel(e, "\"tls_client_server_name\":\"vpn.example.com\""));
        QVERIFY(hasLabel(e, "\"tls_client_ja3\":\"e7d705a3286e19ea42f587b344ee6865\""));
        QVERIFY(hasLabel(e, "\"tls_cipher\":\"TLS_AES_256_GCM_SHA384\""));
    }

    void unknownTlsVersionKeptAsIs()
    {
        const std::string rec = quoted("{'_path':'ssl','ts':1709280000,'id.orig_h':'192.0.2.1',"
                                       "'version':'unknown-64282'}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(*findImporter(QStringLiteral("zeek-json")), rec, sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QVERIFY(hasLabel(sink.events[0], "\"version\":\"unknown-64282\""));
    }
};

QTEST_GUILESS_MAIN(TestZeekDnsSsl)
#include "tst_zeekdnsssl.moc"
