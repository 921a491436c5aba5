// Windows events as XML (issue 25): `wevtutil qe /f:xml` text from gen_morelogs.py through the
// same logon mapping as windows-json; .evtx files through libevtx: a file from gen_evtx.py (no
// tool on Debian writes .evtx, so the project writes its own), detection by the file signature
// before binary content is refused, and a damaged file as an error value. A second generated
// file is written the way Windows writes records (template definitions and instances with typed
// substitution values) and must give the same events as the windows-xml golden; it is read from
// memory, from a temporary copy and in place (the file still hashed once, through the stream).

#include "api/registry.h"
#include "api/utf16stream.h"
#include "common/impcloud_golden.h"
#include "common/implogs_case.h"
#include "ingest/hashingstream.h"
#include "windows/evtximporter.h"

#include <QCryptographicHash>
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

    /// The events of a sink as ECS lines without the line number (records and XML lines differ).
    static QStringList withoutLines(const CollectingSink &sink)
    {
        QStringList out;
        for (const Event &e : sink.events) {
            Event c = e;
            c.line = 1;
            CollectingSink one;
            one.events.push_back(c);
            out << QString::fromUtf8(renderEcsLines(one)).trimmed();
        }
        return out;
    }

    void evtxTemplates()
    {
        const QString path = netlogInput(QStringLiteral("evtx-templates"),
                                         QStringLiteral("evtx/templates.evtx"), 14,
                                         QStringLiteral("gen_evtx.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in.left(4096)), QStringLiteral("evtx"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("evtx"), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(14));
        // The definition offset into empty space and the instance with too few values: libevtx
        // gives up on both records, which are then named by their place in the file.
        QCOMPARE(sink.rejects.size(), size_t(2));
        QCOMPARE(sink.rejects[0].line, std::int64_t(15));
        QCOMPARE(sink.rejects[1].line, std::int64_t(16));
        QVERIFY2(sink.rejects[0].reason.find("record at index 15") != std::string::npos,
                 sink.rejects[0].reason.c_str());
        // libevtx's XML for the typed values: FILETIME, SID, GUID, HexInt32, UInt32, and the
        // optional substitutions with a NULL value left out.
        const std::string &xml = sink.raws[1];
        QVERIFY2(xml.find("SystemTime=\"2024-03-01T08:01:37.000791900Z\"") != std::string::npos,
                 xml.c_str());
        QVERIFY(sink.raws[0].find(">S-1-5-18</Data>") != std::string::npos);
        QVERIFY(xml.find("Guid=\"{54849625-5478-4994-A5BA-3E3B0328C30D}\"") != std::string::npos);
        QVERIFY(xml.find("<Data Name=\"Status\">0xc000006d</Data>") != std::string::npos);
        QVERIFY(xml.find("<Data Name=\"LogonType\">3</Data>") != std::string::npos);
        QVERIFY(xml.find("Qualifiers") == std::string::npos);
        QVERIFY(xml.find("<EventRecordID>1001</EventRecordID>") != std::string::npos);
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("evtx/templates.expected.jsonl")));

        // The same events as the windows-xml golden's records (written as text by
        // gen_morelogs.py from the same seed), but for the line number.
        const QString textPath = netlogInput(QStringLiteral("windows-xml"),
                                             QStringLiteral("windows-xml/security.xml"), 14,
                                             QStringLiteral("gen_morelogs.py"));
        QVERIFY(!textPath.isEmpty());
        CollectingSink text;
        QVERIFY(parseBytes(imp("windows-xml"), readAll(textPath).toStdString(), text).ok());
        QCOMPARE(withoutLines(sink), withoutLines(text));
        // 4768 with status 0x0 is a success from both (libevtx writes it "0x00000000").
        QCOMPARE(sink.events[3].outcome, text.events[3].outcome);
    }

    void evtxReadPaths()
    {
        const QString path = netlogInput(QStringLiteral("evtx-templates"),
                                         QStringLiteral("evtx/templates.evtx"), 14,
                                         QStringLiteral("gen_evtx.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray bytes = readAll(path);
        CollectingSink memory;
        QVERIFY(parseBytes(imp("evtx"), bytes.toStdString(), memory).ok());

        // Beyond the memory limit: a temporary copy.
        CollectingSink copied;
        {
            auto in = memoryStream(bytes.toStdString());
            ImportOptions options;
            ParseContext ctx{options, copied};
            QVERIFY(parseEvtx(*in, ctx, 4096).ok());
        }
        QCOMPARE(renderEcsLines(copied), renderEcsLines(memory));

        // A plain file, as an import opens it: read in place, and hashed once through the
        // stream with the file's own SHA-256.
        CollectingSink inPlace;
        auto opened = openFileStream(path);
        QVERIFY(opened.ok());
        HashingStream hashed(**opened);
        Utf16DecodingStream in(hashed);
        {
            ImportOptions options;
            ParseContext ctx{options, inPlace};
            QVERIFY(imp("evtx").parse(in, ctx).ok());
        }
        QVERIFY(in.sameFilePath().startsWith(QStringLiteral("/proc/self/fd/")));
        QCOMPARE(hashed.hexDigest(),
                 QString::fromLatin1(
                         QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(renderEcsLines(inPlace), renderEcsLines(memory));
        // A memory stream is no file.
        QVERIFY(memoryStream("x")->sameFilePath().isEmpty());
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
