// Windows events as XML (issue 25): `wevtutil qe /f:xml` text from gen_morelogs.py through the
// same logon mapping as windows-json; .evtx files through libevtx: a file from gen_evtx.py (no
// tool on Debian writes .evtx, so the project writes its own), detection by the file signature
// before binary content is refused, and a damaged file as an error value.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestWinXml : public QObject
{
    Q_OBJECT

private:
    const Importer &imp(const char *name) { return *findImporter(QString::fromLatin1(name)); }

private Q_SLOTS:
    void golden()
    {
        const QString path = netlogInput(QStringLiteral("windows-xml"),
                                         QStringLiteral("windows-xml/security.xml"), 14,
                                         QStringLiteral("gen_morelogs.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in), QStringLiteral("windows-xml"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("windows-xml"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(14));
        QCOMPARE(sink.rejects.size(), size_t(3)); // no time, broken XML, no EventID
        QCOMPARE(sink.rejects[0].kind, RejectKind::NoTime);
        QCOMPARE(sink.rejects[1].kind, RejectKind::Syntax);
        QCOMPARE(sink.rejects[2].kind, RejectKind::MissingField);
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("windows-xml/security.expected.jsonl")));
    }

    void sameMappingAsJson()
    {
        // A 4625 as XML and as Winlogbeat JSON give the same event fields.
        const std::string xml
                = "<Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
                  "<System><EventID>4625</EventID><TimeCreated SystemTime='2024-03-01T08:00:00."
                  "1234567Z'/><Channel>Security</Channel><Computer>DC01</Computer></System>"
                  "<EventData><Data Name='TargetUserName'>alice</Data><Data Name='Status'>"
                  "0xc000006d</Data><Data Name='SubStatus'>0xc000006a</Data><Data Name="
                  "'LogonType'>3</Data><Data Name='IpAddress'>::ffff:198.51.100.7</Data><Data "
                  "Name='IpPort'>50123</Data></EventData></Event></Events>\n";
        const std::string json = quoted(
                "{'@timestamp':'2024-03-01T08:00:00.123456Z','winlog':{'event_id':4625,"
                "'channel':'Security','computer_name':'DC01','event_data':{'TargetUserName':"
                "'alice','Status':'0xc000006d','SubStatus':'0xc000006a','LogonType':'3',"
                "'IpAddress':'::ffff:198.51.100.7','IpPort':'50123'}}}\n");
        CollectingSink a, b;
        QVERIFY(parseBytes(imp("windows-xml"), xml, a).ok());
        QVERIFY(parseBytes(imp("windows-json"), json, b).ok());
        QCOMPARE(a.events.size(), size_t(1));
        QCOMPARE(b.events.size(), size_t(1));
        const Event &x = a.events[0], &j = b.events[0];
        QCOMPARE(x.sourceIp, std::string("198.51.100.7"));
        QCOMPARE(x.sourceIp, j.sourceIp);
        QCOMPARE(x.sourcePort, j.sourcePort);
        QCOMPARE(x.userName, j.userName);
        QCOMPARE(x.outcome, Outcome::Failure);
        QCOMPARE(x.action, j.action);
        QCOMPARE(x.category, j.category);
        QCOMPARE(x.hostName, j.hostName);
        QCOMPARE(x.labels, j.labels);
        QCOMPARE(x.timestampUs, std::int64_t(1709280000123456));
    }

    void evtxGolden()
    {
        const QString path
                = netlogInput(QStringLiteral("evtx"), QStringLiteral("evtx/security.evtx"), 12,
                              QStringLiteral("gen_evtx.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in.left(4096)), QStringLiteral("evtx"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("evtx"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QVERIFY(!sink.rejects.empty()); // the record with a bad token (and what libevtx gives up)
        QVERIFY2(sink.rejects[0].reason.find("record") != std::string::npos,
                 sink.rejects[0].reason.c_str());
        // The same mapping as the XML text: a 4625 with its address, port and account.
        const Event &e = sink.events[1];
        QCOMPARE(e.action, std::string("logon-failed"));
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.line, std::int64_t(2)); // the event record number
        QVERIFY(!e.sourceIp.empty());
        QVERIFY(e.sourcePort > 0);
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("evtx/security.expected.jsonl")));
    }

    void evtxSignature()
    {
        // The file signature wins over the binary refusal; other binary content is refused.
        QByteArray evtx("ElfFile\0\0\0\0\0", 12);
        evtx += QByteArray(200, '\0');
        QCOMPARE(detectedName(evtx), QStringLiteral("evtx"));
        QCOMPARE(detectedName(QByteArray("SQLite format 3\0\0\0", 18)), QStringLiteral("(none)"));
    }

    void damagedEvtx()
    {
        // A header and nothing a reader can use: an error value with libevtx's reason.
        std::string bytes("ElfFile\0", 8);
        bytes += std::string(4000, '\x7f');
        CollectingSink sink;
        const Status st = parseBytes(imp("evtx"), bytes, sink);
        QVERIFY(!st.ok());
        QVERIFY2(st.error().message.contains(QStringLiteral(".evtx")),
                 qPrintable(st.error().message));
        QCOMPARE(sink.events.size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestWinXml)
#include "tst_winxml.moc"
