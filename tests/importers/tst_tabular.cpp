// Generic CSV / JSON-lines importers: RFC 4180 reading, delimiter detection, field mappings
// (golden files), timestamp formats and zones, guessed mappings, and a check that detection
// never lets these (or the cloud importers) steal another format's golden inputs.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/testutil.h"
#include "core/timeutil.h"
#include "tabular/csvreader.h"
#include "tabular/fieldmapping.h"
#include "tabular/timestampparser.h"

#include <QDir>
#include <QDirIterator>
#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestTabular : public QObject
{
    Q_OBJECT

private:
    static const Importer &imp(const char *name)
    {
        return *findImporter(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void csvReaderQuoting()
    {
        auto in = memoryStream(
                "\xEF\xBB\xBF"
                "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"multi\nline\",z\n3,\"open\n");
        CsvReader r(*in, ',');
        std::vector<std::string_view> f;
        QVERIFY(r.next(f));
        QCOMPARE(f.size(), size_t(3));
        QCOMPARE(std::string(f[0]), std::string("a"));
        QVERIFY(r.next(f));
        QCOMPARE(r.line(), 2);
        QCOMPARE(std::string(f[1]), std::string("x, y"));
        QCOMPARE(std::string(f[2]), std::string("say \"hi\""));
        QVERIFY(r.next(f));
        QCOMPARE(r.line(), 4); // the blank line 3 is skipped
        QCOMPARE(std::string(f[1]), std::string("multi\nline"));
        QCOMPARE(std::string(r.raw()), std::string("2,\"multi\nline\",z"));
        QVERIFY(r.next(f));
        QCOMPARE(r.line(), 6);
        QCOMPARE(r.problem().text, std::string("unbalanced quote"));
        QVERIFY(r.problem().kind == RejectKind::Syntax);
        QVERIFY(!r.next(f));
    }

    void delimiterDetection()
    {
        QCOMPARE(CsvReader::detectDelimiter("a;b;c\n1;2,5;3\n4;5;6\n"), ';');
        QCOMPARE(CsvReader::detectDelimiter("a\tb\n1\t2\n"), '\t');
        QCOMPARE(CsvReader::detectDelimiter("a,b,c\n\"x;y\",2,3\n"), ',');
    }

    void timestampFormats()
    {
        TimestampParser berlin("%d/%m/%Y %H:%M:%S", "Europe/Berlin");
        QVERIFY(berlin.valid());
        auto t = berlin.parse("01/03/2024 08:00:00"); // CET, +01:00
        QVERIFY(t);
        QCOMPARE(QString::fromStdString(formatIsoUs(t->us)),
                 QStringLiteral("2024-03-01T07:00:00.000000Z"));
        QCOMPARE(t->offsetMin, std::int16_t(60));
        t = berlin.parse("01/07/2024 08:00:00"); // CEST, +02:00
        QCOMPARE(QString::fromStdString(formatIsoUs(t->us)),
                 QStringLiteral("2024-07-01T06:00:00.000000Z"));
        QVERIFY(!berlin.parse("31/02/2024 08:00:00"));
        QVERIFY(!berlin.parse("01/03/2024 08:00"));

        TimestampParser apache("%d/%b/%Y:%H:%M:%S %z", "UTC");
        t = apache.parse("10/Oct/2000:13:55:36 -0700");
        QCOMPARE(QString::fromStdString(formatIsoUs(t->us)),
                 QStringLiteral("2000-10-10T20:55:36.000000Z"));
        QCOMPARE(t->offsetMin, std::int16_t(-420));

        TimestampParser automatic("auto", "UTC");
        QCOMPARE(automatic.parse("1709280000")->us, std::int64_t(1709280000) * 1000000);
        QCOMPARE(automatic.parse("1709280000123")->us, std::int64_t(1709280000123) * 1000);
        QCOMPARE(automatic.parse("1709280000.5")->us, std::int64_t(1709280000500000));
        QVERIFY(automatic.parse("2024-03-01T08:00:00+02:00"));
        QVERIFY(!automatic.parse("soon"));

        TimestampParser twelve("%m/%d/%Y %I:%M:%S %p", "UTC");
        QCOMPARE(QString::fromStdString(formatIsoUs(twelve.parse("03/01/2024 12:05:00 AM")->us)),
                 QStringLiteral("2024-03-01T00:05:00.000000Z"));
        QVERIFY(!TimestampParser("auto", "Not/AZone").valid());
    }

    void mappingJson()
    {
        auto m = FieldMapping::fromText(goldenPath(QStringLiteral("csv/mapping.json")));
        QVERIFY(m);
        QCOMPARE(m->name, QStringLiteral("vpn-export"));
        auto again = FieldMapping::fromJson(m->toJson());
        QVERIFY(again);
        QCOMPARE(again->fields, m->fields);
        QCOMPARE(again->timezone, std::string("Europe/Berlin"));
        QVERIFY(!FieldMapping::fromJson("{\"fields\":{\"source.ip\":\"a\"}}")); // no @timestamp
        QVERIFY(!FieldMapping::fromJson("{\"fields\":{\"@timestamp\":\"t\",\"bogus\":\"a\"}}"));
        QVERIFY(!FieldMapping::fromText(QStringLiteral("/nonexistent/mapping.json")));
        const FieldMapping g = FieldMapping::guess({"Date (UTC)", "Source IP", "User Name", "x"});
        QCOMPARE(g.fields.at("@timestamp"), std::string("Date (UTC)"));
        QCOMPARE(g.fields.at("source.ip"), std::string("Source IP"));
        QCOMPARE(g.fields.at("user.name"), std::string("User Name"));
    }

    void goldenCsv()
    {
        const QByteArray in = generatedInput(QStringLiteral("csv"), QStringLiteral("csv/vpn.csv"));
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("csv"));
        ImportOptions opts;
        opts.mapping = goldenPath(QStringLiteral("csv/mapping.json"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("csv"), in.toStdString(), sink, opts).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(1)); // 31/02/2024 99:00:00
        QVERIFY(matchesGolden(renderEcsLines(sink), QStringLiteral("csv/vpn.expected.jsonl")));
    }

    void goldenJsonl()
    {
        const QByteArray in
                = generatedInput(QStringLiteral("jsonl"), QStringLiteral("jsonl/gateway.jsonl"));
        QVERIFY(!in.isEmpty());
        QCOMPARE(detectedName(in), QStringLiteral("jsonl"));
        ImportOptions opts;
        opts.mapping = QString::fromUtf8(readAll(goldenPath(QStringLiteral("jsonl/mapping.json"))));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("jsonl"), in.toStdString(), sink, opts).ok());
        QCOMPARE(sink.events.size(), size_t(12));
        QCOMPARE(sink.rejects.size(), size_t(2)); // no ts; "soon"
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("jsonl/gateway.expected.jsonl")));
    }

    void guessedAddressColumnFromValues()
    {
        // "client" says nothing by its name; its values say it is the source address.
        const std::vector<std::string> names{"when", "note", "client", "account"};
        const std::vector<std::vector<std::string>> rows{
                {"2024-03-01T08:00:00Z", "10.0.0.1 was here", "203.0.113.7", "bob"},
                {"2024-03-01T08:00:01Z", "plain", "2001:db8::1", "alice"},
                {"2024-03-01T08:00:02Z", "x", "-", "carol"},
                {"2024-03-01T08:00:03Z", "y", "198.51.100.9", "dave"},
                {"2024-03-01T08:00:04Z", "z", "198.51.100.10", "erin"}};
        FieldMapping m = FieldMapping::guess(names, rows);
        QCOMPARE(m.fields["source.ip"], std::string("client"));
        QCOMPARE(m.fields["@timestamp"], std::string("when"));
        // Mostly not addresses: no guess.
        auto mixed = rows;
        mixed[1][2] = "n/a";
        mixed[3][2] = "unknown";
        QVERIFY(!FieldMapping::guess(names, mixed).fields.count("source.ip"));
        // A column named for the address wins over values.
        const std::vector<std::string> named{"when", "note", "client", "src_ip"};
        auto withSrc = rows;
        for (auto &r : withSrc)
            r[3] = "192.0.2.1";
        QCOMPARE(FieldMapping::guess(named, withSrc).fields["source.ip"], std::string("src_ip"));
        // Too few values to say.
        QVERIFY(!FieldMapping::guess(names, {rows[0], rows[1]}).fields.count("source.ip"));
    }

    void guessedMapping()
    {
        CollectingSink sink;
        QVERIFY(parseBytes(imp("csv"),
                           "timestamp,src_ip,user,status\n2024-01-01T00:00:00Z,192.0.2.1,ann,"
                           "failed\n",
                           sink)
                        .ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.events[0].sourceIp, std::string("192.0.2.1"));
        QCOMPARE(sink.events[0].outcome, Outcome::Failure);
        CollectingSink none;
        const Status s = parseBytes(imp("csv"), "a,b\n1,2\n", none);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QStringLiteral("a, b")));
    }

    void badValuesAreKeptNotLost()
    {
        ImportOptions opts;
        opts.mapping = QStringLiteral(
                "{\"fields\":{\"@timestamp\":\"t\",\"source.ip\":\"ip\",\"source.port\":\"p\"}}");
        CollectingSink sink;
        QVERIFY(parseBytes(imp("csv"), "t,ip,p\n2024-01-01T00:00:00Z,not an ip,http\n", sink, opts)
                        .ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.events[0].sourceIp, std::string());
        QCOMPARE(sink.events[0].sourcePort, -1);
        const auto labels = nlohmann::json::parse(sink.events[0].labels);
        QCOMPARE(labels["source.ip (unparsed)"].get<std::string>(), std::string("not an ip"));
        QCOMPARE(labels["source.port (unparsed)"].get<std::string>(), std::string("http"));
    }

    void latin1TextStaysValidUtf8()
    {
        CollectingSink sink;
        // "J\xF6rg" is Latin-1 (a spreadsheet export): stored with U+FFFD, never as bad UTF-8.
        QVERIFY(parseBytes(imp("csv"), "time,user,city\n2024-01-01T00:00:00Z,J\xF6rg,K\xF6ln\n",
                           sink)
                        .ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.events[0].userName, std::string("J\xEF\xBF\xBDrg"));
        QVERIFY(nlohmann::json::accept(sink.events[0].labels));
        EventRow row;
        row.event = sink.events[0];
        QVERIFY(!eventToEcs(row).dump().empty()); // would throw on invalid UTF-8
    }

    // Cut anywhere, every input still parses without a crash and nothing disappears silently:
    // whatever is not an event is a reject (run under the sanitizer preset, this is a cheap fuzz).
    void truncatedInputsAreSafe()
    {
        const QList<QPair<QString, const char *>> inputs
                = {{QStringLiteral("okta/events.jsonl"), "okta"},
                   {QStringLiteral("okta/array.json"), "okta"},
                   {QStringLiteral("entra/graph.json"), "entra"},
                   {QStringLiteral("entra-csv/signins.csv"), "entra-csv"},
                   {QStringLiteral("cloudtrail/records.json"), "cloudtrail"},
                   {QStringLiteral("csv/vpn.csv"), "csv"},
                   {QStringLiteral("jsonl/gateway.jsonl"), "jsonl"}};
        for (const auto &[rel, format] : inputs) {
            const QByteArray data = readAll(goldenPath(rel));
            QVERIFY(!data.isEmpty());
            ImportOptions opts;
            if (rel.startsWith(QStringLiteral("csv/")) || rel.startsWith(QStringLiteral("jsonl/")))
                opts.mapping = goldenPath(rel.section(QLatin1Char('/'), 0, 0)
                                          + QStringLiteral("/mapping.json"));
            for (int cut = 0; cut < data.size(); cut += std::max<int>(1, int(data.size() / 97))) {
                CollectingSink sink;
                const Status s = parseBytes(imp(format), data.left(cut).toStdString(), sink, opts);
                QVERIFY2(s.ok(), qPrintable(rel + QStringLiteral(" cut at %1: ").arg(cut)
                                            + s.error().message));
                for (const Reject &r : sink.rejects)
                    QVERIFY(!r.reason.empty());
            }
        }
    }

    // Every golden input in the tree is detected as its own format: the generic importers and
    // the cloud ones must not take files that belong to another importer.
    void detectionDoesNotSteal()
    {
        const QMap<QString, QString> mine
                = {{QStringLiteral("okta"), QStringLiteral("okta")},
                   {QStringLiteral("entra"), QStringLiteral("entra")},
                   {QStringLiteral("entra-csv"), QStringLiteral("entra-csv")},
                   {QStringLiteral("cloudtrail"), QStringLiteral("cloudtrail")},
                   {QStringLiteral("csv"), QStringLiteral("csv")},
                   {QStringLiteral("jsonl"), QStringLiteral("jsonl")}};
        QDirIterator it(goldenPath(QString()), QDir::Files, QDirIterator::Subdirectories);
        int checked = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(QStringLiteral(".expected"))
                || path.endsWith(QStringLiteral("mapping.json")))
                continue;
            const QString dir = QDir(goldenPath(QString()))
                                        .relativeFilePath(path)
                                        .section(QLatin1Char('/'), 0, 0);
            const QByteArray sample = readAll(path).left(65536);
            const Detection d = detectFormat(sample.toStdString());
            const QString got = d.importer ? d.importer->name() : QStringLiteral("(none)");
            if (mine.contains(dir)) {
                QVERIFY2(got == mine[dir], qPrintable(path + QStringLiteral(" -> ") + got));
            } else {
                QVERIFY2(!mine.values().contains(got),
                         qPrintable(path + QStringLiteral(" -> ") + got));
            }
            ++checked;
        }
        QVERIFY(checked >= 8);
        qInfo("detection checked on %d golden inputs", checked);
    }
};

QTEST_GUILESS_MAIN(TestTabular)
#include "tst_tabular.moc"
