// Table export to CSV (model/items/tableexport.h, core/csv.h): RFC 4180 quoting, the OWASP
// formula-injection guard, invalid UTF-8 turned into U+FFFD, the events export of a filter
// (every matching row, the ECS header), findings rows, and a cancel that leaves no file.

#include "common/testutil.h"

#include "analysis/findingstore.h"
#include "case/casefile.h"
#include "case/eventquery.h"
#include "core/csv.h"
#include "ingest/importjob.h"
#include "items/tableexport.h"

#include <QBuffer>
#include <QFile>
#include <QTest>

using namespace netcase;

namespace {

using Records = std::vector<std::vector<std::string>>;

/// A strict RFC 4180 reader (CRLF records, doubled quotes), independent of the writer.
Records parseCsv(const std::string &text, bool *ok)
{
    Records out;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    *ok = true;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            record.push_back(std::move(field));
            field.clear();
            out.push_back(std::move(record));
            record.clear();
            ++i;
        } else if (c == '"' || c == '\n' || c == '\r') {
            *ok = false; // a quote, CR or LF outside a quoted field is not RFC 4180
        } else {
            field += c;
        }
    }
    if (quoted || !field.empty() || !record.empty())
        *ok = false; // every record ends with CRLF
    return out;
}

Records readCsvFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    bool ok = false;
    Records r = parseCsv(f.readAll().toStdString(), &ok);
    return ok ? r : Records{};
}

int column(const std::vector<std::string> &header, const char *name)
{
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == name)
            return int(i);
    return -1;
}

const std::string kR = "\xEF\xBF\xBD";

} // namespace

class TestTableExport : public QObject
{
    Q_OBJECT
    QString m_case;
    std::optional<CaseFile> m_file;

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("export.netcase"));
        QVERIFY(CaseFile::create(m_case, CaseInfo{QStringLiteral("export")}).ok());
        auto c = CaseFile::open(m_case);
        QVERIFY(c.ok());
        // Hostile values where an access log lets a client put them: user, path, referer, UA.
        const QString hostile = test::tempPath(QStringLiteral("hostile.log"));
        QFile f(hostile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("198.51.100.1 - @SUM(A1) [01/Mar/2024:12:00:00 +0000] \"GET /a,b?q=\\\"x\\\" "
                "HTTP/1.1\" 200 5 \"-\" \"=HYPERLINK(\\\"http://x\\\")\"\n"
                "198.51.100.1 - +1 [01/Mar/2024:12:00:01 +0000] \"GET /c HTTP/1.1\" 200 5 \"-\" "
                "\"-2 curl \xff\xfe\"\n");
        f.close();
        const QString log = test::makeAccessLog(QStringLiteral("export.log"), 3000, 40);
        std::atomic<bool> cancel{false};
        QVERIFY(ImportJob({hostile, log}, ImportOptions{}).run(*c, {}, cancel).ok());
        m_file.emplace(std::move(c.value()));
    }

    void cellEncoding_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("plain") << QByteArray("alice") << QByteArray("alice");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("hyperlink") << QByteArray("=HYPERLINK(\"http://x\")")
                                   << QByteArray("\"'=HYPERLINK(\"\"http://x\"\")\"");
        QTest::newRow("plus") << QByteArray("+1") << QByteArray("'+1");
        QTest::newRow("minus") << QByteArray("-2") << QByteArray("'-2");
        QTest::newRow("at") << QByteArray("@SUM(A1)") << QByteArray("'@SUM(A1)");
        QTest::newRow("tab") << QByteArray("\t=1+1") << QByteArray("'\t=1+1");
        QTest::newRow("carriage return") << QByteArray("\r=1") << QByteArray("\"'\r=1\"");
        QTest::newRow("equals later") << QByteArray("a=1") << QByteArray("a=1");
        QTest::newRow("quotes") << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
        QTest::newRow("comma") << QByteArray("a,b") << QByteArray("\"a,b\"");
        QTest::newRow("newline") << QByteArray("one\ntwo") << QByteArray("\"one\ntwo\"");
        QTest::newRow("crlf") << QByteArray("one\r\ntwo") << QByteArray("\"one\r\ntwo\"");
        QTest::newRow("invalid utf-8") << QByteArray("curl \xff\xfe")
                                       << QByteArray("curl ") + QByteArray::fromStdString(kR + kR);
        QTest::newRow("valid utf-8") << QByteArray("Z\xC3\xBCrich") << QByteArray("Z\xC3\xBCrich");
        QTest::newRow("escape and bell")
                << QByteArray("a\x1b[31mb\x07") << QByteArray("a\xE2\x90\x9B[31mb\xE2\x90\x87");
        QTest::newRow("bidi override")
                << QByteArray("evil\xE2\x80\xAEgpj.exe") << QByteArray("evil<U+202E>gpj.exe");
        QTest::newRow("invalid then guard")
                << QByteArray("-\xff") << "'-" + QByteArray::fromStdString(kR);
    }

    void cellEncoding()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(QByteArray::fromStdString(CsvWriter::encodeCell(in.toStdString())), out);
    }

    void writerRoundTrip()
    {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        CsvWriter csv(buffer);
        const std::vector<std::string> row
                = {"a,b", "say \"hi\"", "one\r\ntwo\nthree", "", "=1+2", "plain"};
        csv.row({"h1", "h2", "h3", "h4", "h5", "h6"});
        csv.row(row);
        QVERIFY(csv.flush().ok());
        bool ok = false;
        const Records r = parseCsv(buffer.data().toStdString(), &ok);
        QVERIFY(ok);
        QCOMPARE(r.size(), size_t(2));
        std::vector<std::string> expected = row;
        expected[4] = "'=1+2";
        QCOMPARE(r[1], expected);
    }

    void hostileEventsAreGuarded()
    {
        const QString path = test::tempPath(QStringLiteral("hostile.csv"));
        EventFilter f;
        f.ips = {QStringLiteral("198.51.100.1")};
        auto rows = tableexport::exportEvents(path, m_file->db(), f);
        QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
        QCOMPARE(*rows, std::int64_t(2));
        const Records r = readCsvFile(path);
        QCOMPARE(r.size(), size_t(3));
        // The header is the ECS names; "@timestamp" is guarded like any other cell.
        std::vector<std::string> header = tableexport::eventColumns();
        header[0] = "'@timestamp";
        QCOMPARE(r[0], header);
        const int ua = column(r[0], "user_agent.original");
        const int user = column(r[0], "user.name");
        const int url = column(r[0], "url.original");
        QVERIFY(ua >= 0 && user >= 0 && url >= 0 && column(r[0], "'@timestamp") == 0);
        QCOMPARE(r[1][size_t(ua)], std::string("'=HYPERLINK(\"http://x\")"));
        QCOMPARE(r[1][size_t(user)], std::string("'@SUM(A1)"));
        QCOMPARE(r[1][size_t(url)], std::string("/a,b?q=\"x\""));
        QCOMPARE(r[2][size_t(user)], std::string("'+1"));
        QCOMPARE(r[2][size_t(ua)], "'-2 curl " + kR + kR);
        // No cell of the file starts with a formula character.
        for (const auto &record : r)
            for (const auto &cell : record)
                QVERIFY2(!CsvWriter::needsFormulaGuard(cell), cell.c_str());
    }

    void filteredExportHasTheFiltersRows_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("everything") << 0;
        QTest::newRow("failures") << 1;
        QTest::newRow("one address") << 2;
        QTest::newRow("time range") << 3;
        QTest::newRow("limit") << 4;
    }

    void filteredExportHasTheFiltersRows()
    {
        QFETCH(int, which);
        const EventQuery query(m_file->db());
        const std::vector<std::int64_t> ids = query.ids(EventFilter{});
        QVERIFY(ids.size() > 3000);
        EventFilter f;
        if (which == 1)
            f.outcome = int(Outcome::Failure);
        if (which == 2)
            f.ips = {QString::fromStdString(query.rows({ids[1000]}).at(0).event.sourceIp)};
        if (which == 3) {
            const auto rows = query.rows({ids[500], ids[2500]});
            f.fromUs = rows[0].event.timestampUs;
            f.toUs = rows[1].event.timestampUs;
        }
        if (which == 4)
            f.limit = 777;
        const std::int64_t expected = which == 4 ? 777 : query.count(f);
        QVERIFY(expected > 0);
        const QString path = test::tempPath(QStringLiteral("filtered-%1.csv").arg(which));
        std::int64_t lastDone = -1, lastTotal = -1;
        ExportControl control;
        control.progress = [&](std::int64_t done, std::int64_t total) {
            lastDone = done;
            lastTotal = total;
        };
        auto rows = tableexport::exportEvents(path, m_file->db(), f, control);
        QVERIFY(rows.ok());
        QCOMPARE(*rows, expected);
        QCOMPARE(lastDone, expected);
        QCOMPARE(lastTotal, expected);
        const Records r = readCsvFile(path);
        QCOMPARE(std::int64_t(r.size()), expected + 1);
        const int id = column(r[0], "netcase.event_id");
        const auto expectedIds = query.ids(f);
        for (size_t i = 1; i < r.size(); i += 97)
            QCOMPARE(std::stoll(r[i][size_t(id)]), expectedIds[i - 1]);
    }

    void cancelLeavesNoFile()
    {
        const QString path = test::tempPath(QStringLiteral("cancelled.csv"));
        std::atomic<bool> cancel{false};
        ExportControl control;
        control.cancel = &cancel;
        control.progress = [&](std::int64_t done, std::int64_t) {
            if (done > 0)
                cancel = true;
        };
        auto rows = tableexport::exportEvents(path, m_file->db(), EventFilter{}, control);
        QVERIFY(!rows.ok());
        QCOMPARE(rows.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(path));

        // An older file of that name is left exactly as it was.
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("older export\r\n");
        old.close();
        cancel = false;
        rows = tableexport::exportEvents(path, m_file->db(), EventFilter{}, control);
        QVERIFY(!rows.ok());
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("older export\r\n"));
    }

    void findingsRows()
    {
        StoredFinding f;
        f.id = 7;
        f.kind = QStringLiteral("password_spray");
        f.title = QStringLiteral("=cmd|' /C calc'!A0");
        f.severity = 72;
        f.ips = {QStringLiteral("203.0.113.7"), QStringLiteral("203.0.113.8")};
        f.accounts = {QStringLiteral("alice")};
        f.evidenceCount = 40;
        f.signalList = nlohmann::json::array(
                {{{"weight", 20}, {"detail", "40 failures"}}, {{"weight", -5}, {"detail", "VPN"}}});
        f.caveats = nlohmann::json::array({{{"text", "shared NAT, \"office\""}}});
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        auto rows = tableexport::writeFindings(buffer, {f, StoredFinding{}});
        QVERIFY(rows.ok());
        QCOMPARE(*rows, std::int64_t(2));
        bool ok = false;
        const Records r = parseCsv(buffer.data().toStdString(), &ok);
        QVERIFY(ok);
        QCOMPARE(r.size(), size_t(3));
        QCOMPARE(r[0], tableexport::findingColumns());
        auto cell = [&](const char *name) {
            return r[1][size_t(column(r[0], name))];
        };
        QCOMPARE(cell("id"), std::string("7"));
        QCOMPARE(cell("severity"), std::string("72"));
        QCOMPARE(cell("title"), std::string("'=cmd|' /C calc'!A0"));
        QCOMPARE(cell("entities.ips"), std::string("203.0.113.7, 203.0.113.8"));
        QCOMPARE(cell("signals"), std::string("40 failures (+20)\nVPN (-5)"));
        QCOMPARE(cell("caveats"), std::string("shared NAT, \"office\""));
        QCOMPARE(cell("evidence_count"), std::string("40"));
    }

    void unwritablePathIsAnError()
    {
        auto rows = tableexport::exportEvents(QStringLiteral("/nonexistent-dir/x.csv"),
                                              m_file->db(), EventFilter{});
        QVERIFY(!rows.ok());
        QVERIFY(rows.error().message.contains(QStringLiteral("nonexistent-dir")));
    }
};

QTEST_GUILESS_MAIN(TestTableExport)
#include "tst_tableexport.moc"
