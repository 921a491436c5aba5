// Case reports end to end through the model API: a case built from a generated access log plus
// log lines with hostile user agents and user names, analysed, with a decision (revised and
// challenged) and a tuning entry holding hostile text. Checks the JSON against
// docs/report.schema.json and for byte-identical reruns, the HTML for inert hostile strings and
// no external references, the PDF through poppler (pages, header, "Page n of m"), and that a
// cancelled or failed export leaves no partial file and an older file intact.

#include "common/jsonschema.h"
#include "common/testutil.h"

#include "analysis/tuning.h"
#include "audit/decisionstore.h"
#include "case/casefile.h"
#include "case/sqlite.h"
#include "ingest/importjob.h"
#include "jobs/pipeline.h"
#include "report/report.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using namespace netcase;

namespace {

const QString kTitle = QStringLiteral("Report test <script>alert(1)</script> \"><b> ]]>");
const QString kAuth = QStringLiteral("INC-7<img src=x onerror=alert(1)>");
const QString kReason = QStringLiteral("Reason \"><b>bold</b> <script>alert(2)</script> \x1b[31m");

/// Strings that must never appear as markup in the HTML.
const QStringList kHostile = {QStringLiteral("<script>alert(1)</script>"),
                              QStringLiteral("<img src=x onerror=alert(1)>"),
                              QStringLiteral("\"><b>"),
                              QStringLiteral("<svg/onload=alert(1)>"),
                              QStringLiteral("<script>alert(2)</script>"),
                              QStringLiteral("<b>bold</b>")};

QByteArray hostileLog()
{
    const QList<QByteArray> agents = {"<script>alert(1)</script>",
                                      "<img src=x onerror=alert(1)>",
                                      "\\\"><b>",
                                      "]]>",
                                      "ctl\x1b[31mred\x07",
                                      "bad\xff\xfeutf8"};
    const QList<QByteArray> users = {"\"><b>",       "]]>",     "<svg/onload=alert(1)>",
                                     "alice\x1b[2J", "bob\xff", "evil\xE2\x80\xAEgpj.exe"};
    QByteArray out;
    for (int i = 0; i < 60; ++i)
        out += "203.0.113.66 - " + users[i % users.size()]
               + " [20/Oct/2026:03:00:" + QByteArray::number(i).rightJustified(2, '0')
               + " +0000] \"POST /login HTTP/1.1\" 401 230 \"-\" \"" + agents[i % agents.size()]
               + "\"\n";
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

struct Tool
{
    int exitCode = -1;
    QByteArray out;
};

Tool runTool(const QString &program, const QStringList &args)
{
    Tool t;
    QProcess p;
    p.start(program, args);
    if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit)
        t.exitCode = p.exitCode();
    t.out = p.readAllStandardOutput();
    return t;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

    QString m_case;
    QString m_dir;

    Status write(const QString &path, const ReportOptions &options = {})
    {
        auto c = CaseFile::open(m_case, CaseFile::OpenOptions{true, false, false});
        if (!c)
            return c.error();
        std::atomic<bool> cancel{false};
        return writeReport(*c, path, options, {}, cancel);
    }

    /// Writes with a progress callback that cancels once percent reaches cancelAt.
    Status writeCancelled(const QString &path, int cancelAt)
    {
        auto c = CaseFile::open(m_case, CaseFile::OpenOptions{true, false, false});
        if (!c)
            return c.error();
        std::atomic<bool> cancel{false};
        return writeReport(
                *c, path, {},
                [&](int pct, const QString &) {
                    if (pct >= cancelAt)
                        cancel = true;
                },
                cancel);
    }

    QStringList filesInDir() const { return QDir(m_dir).entryList(QDir::Files, QDir::Name); }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = test::tempPath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(m_dir));
        const QString access = test::makeAccessLog(QStringLiteral("access.log"), 3000, 60, 500);
        QVERIFY2(!access.isEmpty(), "gen_accesslog is not built");
        const QString hostile = test::tempPath(QStringLiteral("hostile.log"));
        QVERIFY(writeAll(hostile, hostileLog()));

        m_case = test::tempPath(QStringLiteral("report.netcase"));
        CaseInfo info;
        info.title = kTitle;
        info.authorization = kAuth;
        info.scope = QStringLiteral("Scope <i>with</i> markup");
        info.createdBy = QStringLiteral("analyst<script>");
        auto c = CaseFile::create(m_case, info);
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().message));
        std::atomic<bool> cancel{false};
        auto imported = ImportJob({access, hostile}, ImportOptions{}).run(*c, {}, cancel);
        QVERIFY(imported.ok());
        auto post = runPostImport(*c, {}, cancel);
        QVERIFY(post.ok());

        Database &db = c->db();
        Statement st = db.prepare("SELECT f.id FROM findings f JOIN finding_entities e ON "
                                  "e.finding_id = f.id WHERE e.type = 'ip' AND e.value = "
                                  "'203.0.113.66' ORDER BY f.id LIMIT 1");
        QVERIFY2(st.step(), "no finding about the hostile address");
        const std::int64_t finding = st.int64(0);
        st.reset();
        Decision d;
        d.subject = {QStringLiteral("finding"), QString::number(finding)};
        d.verdict = QStringLiteral("escalate");
        d.confidence = QStringLiteral("high");
        d.reasoning = kReason;
        d.analyst = QStringLiteral("<img src=x onerror=alert(1)>");
        Factor f;
        f.text = QStringLiteral("Factor <script>alert(1)</script>");
        f.findingId = finding;
        f.evidence = {1, 2, 3};
        f.enrichment = {{QStringLiteral("203.0.113.66"), QStringLiteral("source.as.number"),
                         QStringLiteral("\"><b>"), QStringLiteral("src ]]>")}};
        d.factors = {f};
        auto first = DecisionStore::record(db, d);
        QVERIFY(first.ok());
        Decision revised = *first;
        revised.verdict = QStringLiteral("benign");
        revised.reasoning = QStringLiteral("Our own <svg/onload=alert(1)> load test");
        auto second = DecisionStore::record(db, revised, first->id);
        QVERIFY(second.ok());
        Review r;
        r.decisionId = second->id;
        r.verdict = QStringLiteral("challenge");
        r.note = kReason;
        r.reviewer = QStringLiteral("reviewer\"><b>");
        r.selfReview = true; // the test records both from one OS account
        QVERIFY(DecisionStore::addReview(db, r).ok());
        TuningEntry t;
        t.kind = TuningEntry::Kind::Entity;
        t.value = QStringLiteral("203.0.113.66");
        auto tuned = Tuning::recordVerdict(db, finding, QStringLiteral("benign"), kReason, t,
                                           QStringLiteral("tuner<script>"));
        QVERIFY(tuned.ok());
    }

    void formatsFromExtension()
    {
        QVERIFY(reportFormatForPath(QStringLiteral("a.HTML")).ok());
        QVERIFY(reportFormatForPath(QStringLiteral("a.pdf")).ok());
        QVERIFY(reportFormatForPath(QStringLiteral("a.json")).ok());
        const auto bad = reportFormatForPath(QStringLiteral("a.txt"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::Usage);
        QVERIFY(!reportPageFromName(QStringLiteral("a5")).ok());
    }

    void jsonIsValidAndDeterministic()
    {
        const QString a = QDir(m_dir).filePath(QStringLiteral("a.json"));
        const QString b = QDir(m_dir).filePath(QStringLiteral("b.json"));
        QVERIFY(write(a).ok());
        QTest::qWait(20); // a different wall-clock time must not matter
        QVERIFY(write(b).ok());
        const QByteArray bytes = readAll(a);
        QVERIFY(!bytes.isEmpty());
        QCOMPARE(bytes, readAll(b));

        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
        QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));
        const QJsonDocument schema = QJsonDocument::fromJson(
                readAll(QStringLiteral(NETCASE_SOURCE_DIR "/docs/report.schema.json")));
        QVERIFY(schema.isObject());
        const QStringList problems = test::validateJsonSchema(doc.object(), schema.object());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // The validator can fail: a document without its version does not pass.
        QJsonObject broken = doc.object();
        broken.remove(QStringLiteral("schema"));
        QVERIFY(!test::validateJsonSchema(broken, schema.object()).isEmpty());

        const QJsonObject o = doc.object();
        QCOMPARE(o.value(QStringLiteral("schema")).toString(), QStringLiteral("netcase-report/1"));
        QCOMPARE(o.value(QStringLiteral("case"))
                         .toObject()
                         .value(QStringLiteral("title"))
                         .toString(),
                 kTitle);
        // as_of is the audit head's time, not the wall clock.
        auto c = CaseFile::open(m_case, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c.ok());
        Statement head
                = c->db().prepare("SELECT at, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        QVERIFY(head.step());
        QCOMPARE(o.value(QStringLiteral("as_of")).toString(), head.text(0));
        const QJsonObject integrity = o.value(QStringLiteral("integrity")).toObject();
        QCOMPARE(integrity.value(QStringLiteral("head_hash")).toString(), head.text(1));
        QVERIFY(integrity.value(QStringLiteral("intact")).toBool());

        const QJsonObject findings = o.value(QStringLiteral("findings")).toObject();
        const int max = findings.value(QStringLiteral("max_evidence_per_finding")).toInt();
        bool capped = false;
        for (const QJsonValue &f : findings.value(QStringLiteral("items")).toArray()) {
            const auto ev = f.toObject().value(QStringLiteral("evidence")).toArray();
            QVERIFY(ev.size() <= max);
            capped = capped
                     || f.toObject().value(QStringLiteral("evidence_count")).toInt() > ev.size();
        }
        QVERIFY(capped);
        const QJsonArray decisions = o.value(QStringLiteral("decisions")).toArray();
        QCOMPARE(decisions.size(), 1);
        const QJsonArray revisions
                = decisions.at(0).toObject().value(QStringLiteral("revisions")).toArray();
        QCOMPARE(revisions.size(), 2);
        QCOMPARE(revisions.at(1).toObject().value(QStringLiteral("reviews")).toArray().size(), 1);
        const QJsonObject rules = o.value(QStringLiteral("rule_feedback")).toObject();
        QCOMPARE(rules.value(QStringLiteral("tuning")).toArray().size(), 1);
        QVERIFY(!rules.value(QStringLiteral("stats")).toArray().isEmpty());
        // Log text is kept as data (control characters escaped by the JSON writer).
        QVERIFY(bytes.contains("<script>alert(1)</script>"));
        QVERIFY(bytes.contains("\\u001b[31m"));
        QVERIFY(!bytes.contains('\x1b'));
        // A bidi override reaches the JSON as an escape: exact for a reader, inert on a screen.
        QVERIFY(bytes.contains("evil\\u202egpj.exe"));
        QVERIFY(!bytes.contains("\xE2\x80\xAE"));
    }

    void aCampaignCardListsItsSources()
    {
        // On a copy: the members are written behind the audit log, which the other tests check.
        const QString copy = QDir(m_dir).filePath(QStringLiteral("campaign.netcase"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(m_case, copy));
        {
            auto c = CaseFile::open(copy);
            QVERIFY(c);
            Statement members = c->db().prepare(
                    "UPDATE findings SET details = json_set(details, '$.members', json(?)) "
                    "WHERE id = (SELECT min(finding_id) FROM finding_entities WHERE type = 'ip' "
                    "AND value = '203.0.113.66')");
            members.bind(1, "[{\"ip\":\"203.0.113.66\",\"attempts\":31,\"failures\":30,"
                            "\"first\":\"2026-03-01T10:00:00Z\",\"last\":\"2026-03-01T10:09:"
                            "00Z\"},{\"ip\":\"<script>alert(2)</script>\",\"attempts\":4}]");
            QVERIFY(members.exec().ok());
        }
        auto c = CaseFile::open(copy, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c);
        const QString path = QDir(m_dir).filePath(QStringLiteral("campaign.html"));
        std::atomic<bool> cancel{false};
        QVERIFY(writeReport(*c, path, {}, {}, cancel).ok());
        const QString html = QString::fromUtf8(readAll(path));
        QVERIFY(html.contains(QLatin1String("Sources (2)")));
        QVERIFY(html.contains(QLatin1String("&lt;script&gt;alert(2)&lt;/script&gt;")));
        QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
        QVERIFY(html.contains(QLatin1String("2026-03-01 10:00:00 to 2026-03-01 10:09:00")));
        // Counts the detection did not record are a dash, not a zero.
        QVERIFY(html.contains(QRegularExpression(QStringLiteral(">4</td><td[^>]*>—</td>"))));
    }

    void htmlIsSelfContainedAndInert()
    {
        const QString path = QDir(m_dir).filePath(QStringLiteral("r.html"));
        QVERIFY(write(path).ok());
        const QByteArray bytes = readAll(path);
        const QString html = QString::fromUtf8(bytes);
        QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
        for (const QString &h : kHostile)
            QVERIFY2(!html.contains(h), qPrintable(QStringLiteral("unescaped: ") + h));
        QVERIFY(html.contains(QLatin1String("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(html.contains(QLatin1String("&lt;img src=x onerror=alert(1)&gt;")));
        QVERIFY(html.contains(QLatin1String("]]&gt;")));
        QVERIFY(!html.contains(QLatin1String("]]>")));
        QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
        QVERIFY(!html.contains(QLatin1String("src=\"http"), Qt::CaseInsensitive));
        QVERIFY(!html.contains(QLatin1String("href=\"http"), Qt::CaseInsensitive));
        QVERIFY(!html.contains(QLatin1String("url("), Qt::CaseInsensitive));
        QVERIFY(!bytes.contains('\x1b') && !bytes.contains('\x07'));
        // Controls shown as in the GUI and the CLI (core/displaytext.h): ESC and BEL as control
        // pictures.
        QVERIFY(html.contains(QStringLiteral("ctl\u241b[31mred\u2407")));
        QVERIFY(html.contains(QStringLiteral("bad\uFFFD\uFFFDutf8")));
        // A right-to-left override is shown, never applied ("evilexe.jpg").
        QVERIFY(html.contains(QLatin1String("evil&lt;U+202E&gt;gpj.exe")));
        QVERIFY(!html.contains(QChar(0x202e)));

        // Every tag and attribute is one the writer emits: nothing came from the case.
        static const QStringList tags
                = {QStringLiteral("html"),   QStringLiteral("head"),  QStringLiteral("meta"),
                   QStringLiteral("title"),  QStringLiteral("style"), QStringLiteral("body"),
                   QStringLiteral("header"), QStringLiteral("nav"),   QStringLiteral("ol"),
                   QStringLiteral("ul"),     QStringLiteral("li"),    QStringLiteral("a"),
                   QStringLiteral("h1"),     QStringLiteral("h2"),    QStringLiteral("h3"),
                   QStringLiteral("h4"),     QStringLiteral("p"),     QStringLiteral("table"),
                   QStringLiteral("thead"),  QStringLiteral("tr"),    QStringLiteral("th"),
                   QStringLiteral("td"),     QStringLiteral("code"),  QStringLiteral("span"),
                   QStringLiteral("b"),      QStringLiteral("br"),    QStringLiteral("div"),
                   QStringLiteral("figure"), QStringLiteral("img"),   QStringLiteral("figcaption")};
        static const QStringList attrs
                = {QStringLiteral("class"),     QStringLiteral("id"),   QStringLiteral("href"),
                   QStringLiteral("src"),       QStringLiteral("alt"),  QStringLiteral("lang"),
                   QStringLiteral("charset"),   QStringLiteral("name"), QStringLiteral("content"),
                   QStringLiteral("http-equiv")};
        const QRegularExpression tagRe(QStringLiteral("<(/?)([A-Za-z!][A-Za-z0-9]*)([^>]*)>"));
        const QRegularExpression attrRe(
                QStringLiteral("([A-Za-z-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)"));
        int images = 0;
        for (auto it = tagRe.globalMatch(html); it.hasNext();) {
            const auto m = it.next();
            const QString name = m.captured(2).toLower();
            if (name == QLatin1String("!doctype"))
                continue;
            QVERIFY2(tags.contains(name), qPrintable(QStringLiteral("tag ") + name));
            for (auto a = attrRe.globalMatch(m.captured(3)); a.hasNext();) {
                const auto am = a.next();
                const QString attr = am.captured(1).toLower();
                QVERIFY2(attrs.contains(attr), qPrintable(QStringLiteral("attribute ") + attr));
                QVERIFY2(am.captured(2).startsWith(QLatin1Char('"')), "unquoted attribute");
                if (attr == QLatin1String("href"))
                    QVERIFY(am.captured(2).startsWith(QLatin1String("\"#")));
            }
            if (name == QLatin1String("img")) {
                ++images;
                QVERIFY(m.captured(3).contains(QLatin1String("src=\"data:image/png;base64,")));
            }
        }
        QCOMPARE(images, 1); // the timeline (no geolocation database, so no map)
        QVERIFY(html.contains(QLatin1String("@media print")));
    }

    void pdfHasPagesHeaderAndPageNumbers_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<QString>("size");
        QTest::newRow("a4") << int(ReportOptions::Page::A4) << QStringLiteral("595 x 842");
        QTest::newRow("letter") << int(ReportOptions::Page::Letter) << QStringLiteral("612 x 792");
    }

    void pdfHasPagesHeaderAndPageNumbers()
    {
        QFETCH(int, page);
        QFETCH(QString, size);
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (pdftotext.isEmpty() || pdfinfo.isEmpty())
            QSKIP("poppler-utils (pdftotext, pdfinfo) is not installed");
        ReportOptions options;
        options.page = ReportOptions::Page(page);
        const QString path = QDir(m_dir).filePath(QStringLiteral("r-%1.pdf").arg(page));
        QVERIFY(write(path, options).ok());
        QVERIFY(readAll(path).startsWith("%PDF-"));
        const Tool info = runTool(pdfinfo, {path});
        QCOMPARE(info.exitCode, 0);
        const QRegularExpression pagesRe(QStringLiteral("Pages:\\s+(\\d+)"));
        const int pages = pagesRe.match(QString::fromUtf8(info.out)).captured(1).toInt();
        QVERIFY2(pages > 1, info.out.constData());
        QVERIFY2(info.out.contains(size.toUtf8()), info.out.constData());
        for (int i = 1; i <= pages; ++i) {
            const QStringList pageArgs = {QStringLiteral("-f"), QString::number(i),
                                          QStringLiteral("-l"), QString::number(i)};
            const Tool text = runTool(pdftotext, pageArgs + QStringList{path, QStringLiteral("-")});
            QCOMPARE(text.exitCode, 0);
            QVERIFY2(text.out.contains(QStringLiteral("Page %1 of %2").arg(i).arg(pages).toUtf8()),
                     qPrintable(QStringLiteral("page %1").arg(i)));
            // The header: the words in the top band of the page (the body starts below 64
            // points). Word boxes, not a crop's text: a table cell split across two pages leaves
            // its earlier lines (clipped, invisible) in the PDF above the body, and a crop's
            // text would interleave them with the header's words.
            const Tool words = runTool(
                    pdftotext,
                    pageArgs + QStringList{QStringLiteral("-bbox"), path, QStringLiteral("-")});
            const QRegularExpression wordRe(
                    QStringLiteral("<word xMin=\"[0-9.]+\" yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" "
                                   "yMax=\"([0-9.]+)\">([^<]*)</word>"));
            QStringList header;
            for (auto it = wordRe.globalMatch(QString::fromUtf8(words.out)); it.hasNext();) {
                const auto m = it.next();
                if (m.captured(1).toDouble() > 30 && m.captured(2).toDouble() < 49)
                    header << m.captured(3);
            }
            for (const char *word : {"Authorisation:", "INC-7&lt;img", "Report", "test"})
                QVERIFY2(header.contains(QLatin1String(word)),
                         qPrintable(
                                 QStringLiteral("header on page %1 without %2: %3")
                                         .arg(i)
                                         .arg(QLatin1String(word), header.join(QLatin1Char(' ')))));
        }
        const Tool all = runTool(pdftotext, {path, QStringLiteral("-")});
        // A summary first, then decisions before findings (issue 23), then the case.
        for (const char *section :
             {"Summary", "1. Decisions", "2. Findings", "3. Case", "4. Sources", "5. Enrichment",
              "6. Figures", "7. Integrity", "8. Rule feedback", "Appendix A. Addresses"})
            QVERIFY2(all.out.contains(section), section);
        QVERIFY(all.out.contains("evil<U+202E>gpj.exe"));
        QVERIFY(!all.out.contains("\xE2\x80\xAE"));
    }

    void cancelledExportLeavesOldFile_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("cancelAt");
        QTest::newRow("json while reading") << QStringLiteral("c.json") << 20;
        QTest::newRow("html while reading") << QStringLiteral("c.html") << 60;
        QTest::newRow("html while writing") << QStringLiteral("c.html") << 86;
        QTest::newRow("pdf while paginating") << QStringLiteral("c.pdf") << 90;
    }

    void cancelledExportLeavesOldFile()
    {
        QFETCH(QString, name);
        QFETCH(int, cancelAt);
        const QString path = QDir(m_dir).filePath(name);
        const QStringList before = filesInDir();
        // No file yet: none afterwards.
        QFile::remove(path);
        Status s = writeCancelled(path, cancelAt);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(path));
        // An older file stays as it was, and no temporary file is left behind.
        QVERIFY(writeAll(path, "OLD REPORT"));
        s = writeCancelled(path, cancelAt);
        QVERIFY(!s.ok());
        QCOMPARE(readAll(path), QByteArray("OLD REPORT"));
        QStringList expected = before;
        if (!expected.contains(name))
            expected << name;
        expected.sort();
        QCOMPARE(filesInDir(), expected);
        // The same export without a cancel replaces it.
        QVERIFY(write(path).ok());
        QVERIFY(readAll(path) != QByteArray("OLD REPORT"));
    }

    void failedExportWritesNothing()
    {
        const QString path = QDir(m_dir).filePath(QStringLiteral("missing-dir/r.html"));
        const Status s = write(path);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QLatin1String("missing-dir")));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
