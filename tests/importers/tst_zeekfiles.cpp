// Zeek x509.log, files.log and notice.log mapped to ECS (issue 25): a host certificate's fields
// under tls.server.x509 (a client's under tls.client.x509, the rest of a chain under file.x509),
// files.log's hosts and hashes, notice.log's note, message and src/dst/p; and Zeek JSON records
// pretty-printed over several lines. The golden files are in tst_zeekgolden.

#include "api/registry.h"
#include "common/impcloud_golden.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

namespace {

const char *const kHeader = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                            "#unset_field\t-\n#path\t%1\n#fields\t%2\n#types\t%3\n";

/// A Zeek TSV log of path with the given fields (all typed string) and rows.
std::string tsv(const char *path, const QStringList &fields, const QStringList &rows)
{
    QStringList types;
    for (qsizetype i = 0; i < fields.size(); ++i)
        types << QStringLiteral("string");
    return QString::fromLatin1(kHeader)
                   .arg(QString::fromLatin1(path), fields.join(QLatin1Char('\t')),
                        types.join(QLatin1Char('\t')))
                   .toStdString()
           + rows.join(QLatin1Char('\n')).toStdString() + "\n";
}

bool hasLabel(const Event &e, const std::string &keyValue)
{
    return e.labels.find(keyValue) != std::string::npos;
}

} // namespace

class TestZeekFiles : public QObject
{
    Q_OBJECT

private:
    const Importer &tsvImporter() { return *findImporter(QStringLiteral("zeek")); }
    const Importer &jsonImporter() { return *findImporter(QStringLiteral("zeek-json")); }

private Q_SLOTS:
    void x509Sides()
    {
        const QStringList fields = {QStringLiteral("ts"),
                                    QStringLiteral("fingerprint"),
                                    QStringLiteral("certificate.subject"),
                                    QStringLiteral("certificate.not_valid_before"),
                                    QStringLiteral("san.dns"),
                                    QStringLiteral("host_cert"),
                                    QStringLiteral("client_cert")};
        const std::string in = tsv("x509", fields,
                                   {QStringLiteral("1709280000.0\tabc\tCN=vpn.example.org\t"
                                                   "1704067200.000000\tvpn.example.org\tT\tF"),
                                    QStringLiteral("1709280001.0\tdef\tCN=CA\t-\t-\tF\tF"),
                                    QStringLiteral("1709280002.0\tghi\tCN=alice\t-\t-\tT\tT")});
        CollectingSink sink;
        QVERIFY(parseBytes(tsvImporter(), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(3));
        const Event &server = sink.events[0];
        QCOMPARE(server.action, std::string("x509_certificate"));
        QVERIFY2(hasLabel(server, "\"tls_server_x509_subject_distinguished_name\":"
                                  "\"CN=vpn.example.org\""),
                 server.labels.c_str());
        QVERIFY(hasLabel(server, "\"tls_server_x509_not_before\":\"2024-01-01T00:00:00.000000Z\""));
        QVERIFY(hasLabel(server, "\"tls_server_x509_alternative_names\":\"vpn.example.org\""));
        QVERIFY(hasLabel(server, "\"tls_server_hash_sha256\":\"abc\""));
        QVERIFY(hasLabel(sink.events[1], "\"file_x509_subject_distinguished_name\":\"CN=CA\""));
        QVERIFY(hasLabel(sink.events[1], "\"file_hash_sha256\":\"def\""));
        QVERIFY(hasLabel(sink.events[2], "\"tls_client_x509_subject_distinguished_name\""));
        QVERIFY(!hasLabel(server, "host_cert"));
    }

    void filesHosts()
    {
        const QStringList fields = {QStringLiteral("ts"),        QStringLiteral("fuid"),
                                    QStringLiteral("tx_hosts"),  QStringLiteral("rx_hosts"),
                                    QStringLiteral("conn_uids"), QStringLiteral("mime_type"),
                                    QStringLiteral("filename"),  QStringLiteral("total_bytes"),
                                    QStringLiteral("sha256")};
        const std::string in = tsv(
                "files", fields,
                {QStringLiteral("1709280000.0\tFa1\t203.0.113.5\t10.1.0.2\tCa1\t"
                                "application/x-dosexec\tsetup.exe\t1234\tfeed"),
                 QStringLiteral("1709280001.0\tFa2\t203.0.113.5,203.0.113.6\t(empty)\tCa2,Cb2\t"
                                "text/html\t-\t-\t-")});
        CollectingSink sink;
        QVERIFY(parseBytes(tsvImporter(), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(2));
        const Event &e = sink.events[0];
        QCOMPARE(e.category, std::string("file"));
        QCOMPARE(e.action, std::string("file_transfer"));
        QCOMPARE(e.sourceIp, std::string("203.0.113.5"));
        QCOMPARE(e.destinationIp, std::string("10.1.0.2"));
        QCOMPARE(e.sessionId, std::string("Ca1"));
        QVERIFY(hasLabel(e, "\"file_name\":\"setup.exe\""));
        QVERIFY(hasLabel(e, "\"file_mime_type\":\"application/x-dosexec\""));
        QVERIFY(hasLabel(e, "\"file_size\":\"1234\""));
        QVERIFY(hasLabel(e, "\"file_hash_sha256\":\"feed\""));
        QVERIFY(!hasLabel(e, "tx_hosts"));
        // Two senders: the first is source.ip, all are kept.
        const Event &two = sink.events[1];
        QCOMPARE(two.sourceIp, std::string("203.0.113.5"));
        QVERIFY(hasLabel(two, "\"tx_hosts\":\"203.0.113.5,203.0.113.6\""));
        QVERIFY(hasLabel(two, "\"conn_uids\":\"Ca2,Cb2\""));
        QCOMPARE(two.sessionId, std::string("Ca2"));
    }

    void noticeWithAndWithoutConnection()
    {
        const std::string in = quoted(
                "{'_path':'notice','ts':1709280000.25,'note':'SSH::Password_Guessing',"
                "'msg':'198.51.100.7 appears to be guessing SSH passwords','src':'198.51.100.7',"
                "'dst':'10.1.0.4','p':22,'n':30,'actions':['Notice::ACTION_LOG']}\n"
                "{'_path':'notice','ts':1709280001.5,'uid':'Cn1','id.orig_h':'192.0.2.9',"
                "'id.orig_p':5000,'id.resp_h':'10.1.0.5','id.resp_p':443,'note':"
                "'SSL::Invalid_Server_Cert','msg':'self signed','src':'192.0.2.9','p':443}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(jsonImporter(), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(2));
        const Event &e = sink.events[0];
        QCOMPARE(e.category, std::string("intrusion_detection"));
        QCOMPARE(e.action, std::string("zeek_notice"));
        QCOMPARE(e.sourceIp, std::string("198.51.100.7"));
        QCOMPARE(e.destinationIp, std::string("10.1.0.4"));
        QCOMPARE(e.destinationPort, 22);
        QVERIFY(hasLabel(e, "\"rule_name\":\"SSH::Password_Guessing\""));
        QVERIFY(hasLabel(e, "\"message\":\"198.51.100.7 appears"));
        // With a connection, id.* are the addresses; src repeats the originator.
        const Event &c = sink.events[1];
        QCOMPARE(c.sourceIp, std::string("192.0.2.9"));
        QCOMPARE(c.destinationPort, 443);
        QCOMPARE(c.sessionId, std::string("Cn1"));
    }

    void prettyPrintedJson()
    {
        // As `jq .` writes Zeek JSON: one object over several lines, then a one-line record.
        const std::string in = quoted("{\n  '_path': 'files',\n  'ts': 1709280000.5,\n"
                                      "  'fuid': 'Fp1',\n  'uid': 'Cp1',\n"
                                      "  'id.orig_h': '10.1.0.2',\n  'id.orig_p': 50000,\n"
                                      "  'id.resp_h': '203.0.113.5',\n  'id.resp_p': 80,\n"
                                      "  'mime_type': 'text/plain',\n  'seen_bytes': 10\n}\n"
                                      "{'_path':'conn','ts':1709280001,'id.orig_h':'10.1.0.3',"
                                      "'id.resp_h':'10.1.0.4','conn_state':'S0'}\n");
        QCOMPARE(detectedName(QByteArray::fromStdString(in)), QStringLiteral("zeek-json"));
        CollectingSink sink;
        QVERIFY(parseBytes(jsonImporter(), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(2));
        QCOMPARE(sink.rejects.size(), size_t(0));
        QCOMPARE(sink.events[0].line, std::int64_t(1));
        QCOMPARE(sink.events[0].sourceIp, std::string("10.1.0.2"));
        QCOMPARE(sink.events[0].destinationIp, std::string("203.0.113.5"));
        QCOMPARE(sink.events[1].line, std::int64_t(13));
        QCOMPARE(sink.events[1].action, std::string("connection"));
    }

    void pathFromFields()
    {
        // Records without _path are recognised by their fields.
        const std::string in = quoted(
                "{'ts':1709280000,'id':'Fx1','certificate.serial':'01','certificate.subject':"
                "'CN=a'}\n{'ts':1709280001,'fuid':'Fx2','tx_hosts':['192.0.2.1'],'rx_hosts':"
                "['10.0.0.1'],'mime_type':'text/plain'}\n{'ts':1709280002,'note':'X::Y','msg':"
                "'m','src':'192.0.2.2'}\n");
        CollectingSink sink;
        QVERIFY(parseBytes(jsonImporter(), in, sink).ok());
        QCOMPARE(sink.events.size(), size_t(3));
        QCOMPARE(sink.events[0].action, std::string("x509_certificate"));
        QCOMPARE(sink.events[1].action, std::string("file_transfer"));
        QCOMPARE(sink.events[1].sourceIp, std::string("192.0.2.1"));
        QCOMPARE(sink.events[1].destinationIp, std::string("10.0.0.1"));
        QCOMPARE(sink.events[2].action, std::string("zeek_notice"));
        QCOMPARE(sink.events[2].sourceIp, std::string("192.0.2.2"));
    }
};

QTEST_GUILESS_MAIN(TestZeekFiles)
#include "tst_zeekfiles.moc"
