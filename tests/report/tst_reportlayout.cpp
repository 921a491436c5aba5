// The report an auditor reads (issue 23), through the real netcase binary: a summary first, then
// the decisions, then the findings; `--min-severity` (a number or a level of the one scale)
// puts an undecided finding below it into the table only, while a decided finding keeps its
// detail whatever its severity; each address is described once in Appendix A and a factor
// refers to it instead of repeating its enrichment; the PDF's default threshold keeps a case
// with many findings short, and the report says which threshold it used.

#include "common/audittest.h"
#include "common/testutil.h"

#include "audit/decisionstore.h"
#include "case/casefile.h"
#include "case/sqlite.h"

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

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString tool(const char *name)
{
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

QString pdfText(const QString &path)
{
    QProcess p;
    p.start(tool("pdftotext"), {path, QStringLiteral("-")});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

int pdfPages(const QString &path)
{
    QProcess p;
    p.start(tool("pdfinfo"), {path});
    p.waitForFinished(60000);
    const QRegularExpression re(QStringLiteral("Pages:\\s+(\\d+)"));
    return re.match(QString::fromUtf8(p.readAllStandardOutput())).captured(1).toInt();
}

void setSeverity(Database &db, std::int64_t id, int severity)
{
    Statement st = db.prepare("UPDATE findings SET severity = ? WHERE id = ?");
    st.bind(1, severity).bind(2, id);
    QVERIFY(st.exec().ok());
}

} // namespace

class TestReportLayout : public QObject
{
    Q_OBJECT
    QString m_case;
    std::int64_t m_high = 0;       ///< severity 80, undecided
    std::int64_t m_low = 0;        ///< severity 20, undecided
    std::int64_t m_lowDecided = 0; ///< severity 15, the subject of a decision
    int m_fillers = 120;           ///< more low findings, for the page count

    QString report(const QString &name, const QStringList &extra = {})
    {
        const QString out = test::tempPath(name);
        QFile::remove(out);
        const auto r = test::netcase(
                QStringList{QStringLiteral("report"), m_case, QStringLiteral("-o"), out} + extra);
        if (r.exitCode != 0)
            qWarning("report failed: %s", r.err.constData());
        return r.exitCode == 0 ? out : QString();
    }

    QJsonObject json(const QStringList &extra = {})
    {
        const QString path = report(QStringLiteral("layout.json"), extra);
        return QJsonDocument::fromJson(readAll(path)).object();
    }

    static QJsonObject item(const QJsonObject &doc, std::int64_t id)
    {
        for (const QJsonValue &v : doc.value(QStringLiteral("findings"))
                                           .toObject()
                                           .value(QStringLiteral("items"))
                                           .toArray())
            if (v.toObject().value(QStringLiteral("id")).toInteger() == id)
                return v.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("layout.netcase"));
        auto r = test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("AUD-23"), QStringLiteral("--retention"),
                                QStringLiteral("2030-01-31")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString log = test::makeAccessLog(QStringLiteral("layout.log"), 300, 20);
        QVERIFY(!log.isEmpty());
        r = test::netcase({QStringLiteral("import"), m_case, log, QStringLiteral("--no-analyze")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            auto c = CaseFile::open(m_case);
            QVERIFY(c);
            Database &db = c->db();
            m_high = test::addFinding(db, QStringLiteral("192.0.2.10"), QStringLiteral("hi.user"),
                                      {1, 2, 3});
            m_low = test::addFinding(db, QStringLiteral("198.51.100.20"),
                                     QStringLiteral("low.user"), {4, 5});
            m_lowDecided = test::addFinding(db, QStringLiteral("198.51.100.30"),
                                            QStringLiteral("decided.user"), {6, 7});
            setSeverity(db, m_low, 20);
            setSeverity(db, m_lowDecided, 15);
            for (int i = 0; i < m_fillers; ++i) {
                const std::int64_t id = test::addFinding(
                        db, QStringLiteral("203.0.113.%1").arg(i % 250 + 1),
                        QStringLiteral("filler%1").arg(i), {8 + i % 50, 9 + i % 50, 10 + i % 50});
                setSeverity(db, id, 10 + i % 25);
            }
            test::sealFixtureWrites(db); // the severities set above, under the audit chain
            // A decision on the low finding whose factor recorded the enrichment it showed.
            Decision d;
            d.subject = {QStringLiteral("finding"), QString::number(m_lowDecided)};
            d.verdict = QStringLiteral("benign");
            d.confidence = QStringLiteral("high");
            d.reasoning = QStringLiteral("Our own load test.");
            d.analyst = QStringLiteral("ann");
            Factor f;
            f.text = QStringLiteral("The address belongs to our test network");
            f.findingId = m_lowDecided;
            f.evidence = {6, 7};
            f.enrichment = {{QStringLiteral("198.51.100.30"), QStringLiteral("source.as.number"),
                             QStringLiteral("64496"), QStringLiteral("asn-test.csv (2026-01-01)")},
                            {QStringLiteral("198.51.100.30"),
                             QStringLiteral("source.as.organization.name"),
                             QStringLiteral("Example Test Network AS64496"),
                             QStringLiteral("asn-test.csv (2026-01-01)")}};
            d.factors = {f};
            QVERIFY(DecisionStore::record(db, d).ok());
        }
    }

    void summaryThenDecisionsThenFindings()
    {
        const QString path = report(QStringLiteral("layout.html"));
        QVERIFY(!path.isEmpty());
        const QString html = QString::fromUtf8(readAll(path));
        const qsizetype summary = html.indexOf(QLatin1String("<h2 id=\"summary\""));
        const qsizetype decision = html.indexOf(QLatin1String("D1. Benign on finding:"));
        const qsizetype finding = html.indexOf(QLatin1String("id=\"finding-"));
        const qsizetype caseSection = html.indexOf(QLatin1String("<h2 id=\"case\""));
        QVERIFY(summary > 0);
        QVERIFY2(decision > summary, "the first decision comes after the summary");
        QVERIFY2(finding > decision, "the first finding's detail comes after the decisions");
        QVERIFY2(caseSection > finding, "the case's full details come after the findings");
        // The summary says what an auditor checks first.
        const QString head = html.mid(summary, decision - summary);
        for (const char *s : {"AUD-23", "2030-01-31", "layout.log", "Decisions and reviews",
                              "Benign, high confidence", "not reviewed", "The 10 most severe"})
            QVERIFY2(head.contains(QLatin1String(s)), s);
        QVERIFY(head.contains(QStringLiteral("Credential stuffing from 192.0.2.10")));
        // HTML by default: every finding in full.
        QVERIFY(head.contains(QLatin1String("Every finding is shown in full")));
        QVERIFY(html.contains(QStringLiteral("id=\"finding-%1\"").arg(m_low)));
    }

    void pdfOrderAndThreshold()
    {
        if (tool("pdftotext").isEmpty() || tool("pdfinfo").isEmpty())
            QSKIP("poppler-utils (pdftotext, pdfinfo) is not installed");
        const QString path = report(QStringLiteral("layout.pdf"));
        QVERIFY(!path.isEmpty());
        const QString text = pdfText(path);
        const qsizetype summary = text.indexOf(QLatin1String("Summary"));
        // (pdftotext writes "fi" and "ff" as ligatures: "finding", "stuffing" do not match.)
        const qsizetype decision = text.indexOf(QLatin1String("D1. Benign on "));
        const qsizetype finding = text.indexOf(QStringLiteral("#%1 Credential st").arg(m_high));
        const QString where = QStringLiteral("summary at %1, decision at %2, finding at %3: %4")
                                      .arg(summary)
                                      .arg(decision)
                                      .arg(finding)
                                      .arg(text.left(4000));
        QVERIFY2(summary >= 0, qPrintable(where));
        QVERIFY2(decision > summary, qPrintable(where));
        QVERIFY2(finding > decision, qPrintable(where));
        // The PDF's default threshold is medium here (few findings above it) and it says so.
        QVERIFY2(text.contains(QLatin1String("Minimum severity 40 (medium)")),
                 qPrintable(text.left(3000)));
        QVERIFY(text.contains(QLatin1String("listed in table form only")));
        QVERIFY(!text.contains(QStringLiteral("#%1 Credential st").arg(m_low)));
        QVERIFY(text.contains(QStringLiteral("#%1 Credential st").arg(m_lowDecided)));
        // Short by default; every finding in full with --min-severity 0 takes more pages.
        const int pages = pdfPages(path);
        const QString full = report(QStringLiteral("layout-full.pdf"),
                                    {QStringLiteral("--min-severity"), QStringLiteral("0")});
        const int fullPages = pdfPages(full);
        QVERIFY2(pages > 0 && pages * 2 < fullPages,
                 qPrintable(QStringLiteral("%1 pages by default, %2 in full")
                                    .arg(pages)
                                    .arg(fullPages)));
        QVERIFY2(pages <= 12, qPrintable(QStringLiteral("%1 pages").arg(pages)));
    }

    void minSeverityPutsLowFindingInTheTable()
    {
        const QString path = report(QStringLiteral("layout-medium.html"),
                                    {QStringLiteral("--min-severity"), QStringLiteral("medium")});
        QVERIFY(!path.isEmpty());
        const QString html = QString::fromUtf8(readAll(path));
        QVERIFY(html.contains(QStringLiteral("id=\"finding-%1\"").arg(m_high)));
        QVERIFY2(!html.contains(QStringLiteral("id=\"finding-%1\"").arg(m_low)),
                 "an undecided low finding has no detail");
        QVERIFY2(html.contains(QStringLiteral("id=\"finding-%1\"").arg(m_lowDecided)),
                 "a decided low finding keeps its detail");
        const qsizetype table = html.indexOf(QLatin1String("id=\"findings-table\""));
        QVERIFY(table > 0);
        const QRegularExpression lowRow(
                QStringLiteral("<tr><td class=\"small\">%1</td>.*?low.user.*?</tr>").arg(m_low));
        QVERIFY2(lowRow.match(html, table).hasMatch(), "the low finding is one table row");
        QVERIFY(html.contains(QStringLiteral("Minimum severity 40 (medium): 2 findings")));
        QVERIFY(html.contains(
                QStringLiteral("%1 below it are listed in table form only").arg(m_fillers + 1)));

        const QJsonObject doc = json({QStringLiteral("--min-severity"), QStringLiteral("40")});
        const QJsonObject summary = doc.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("min_severity")).toInt(), 40);
        QCOMPARE(summary.value(QStringLiteral("findings_table_only")).toInt(), m_fillers + 1);
        const QJsonObject low = item(doc, m_low);
        QVERIFY(low.value(QStringLiteral("table_only")).toBool());
        QVERIFY(low.value(QStringLiteral("evidence")).toArray().isEmpty());
        const QJsonObject decided = item(doc, m_lowDecided);
        QVERIFY(!decided.value(QStringLiteral("table_only")).toBool());
        QCOMPARE(decided.value(QStringLiteral("evidence")).toArray().size(), 2);
        QCOMPARE(decided.value(QStringLiteral("decision_state")).toArray().size(), 1);
        // JSON by default: nothing in table form.
        const QJsonObject all = json();
        QCOMPARE(all.value(QStringLiteral("summary"))
                         .toObject()
                         .value(QStringLiteral("min_severity"))
                         .toInt(),
                 0);
        QVERIFY(!item(all, m_low).value(QStringLiteral("table_only")).toBool());
    }

    void minSeverityTakesLevelNames_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<int>("expected"); // -1: refused
        QTest::newRow("low") << QStringLiteral("low") << 0;
        QTest::newRow("Medium") << QStringLiteral("Medium") << 40;
        QTest::newRow("high") << QStringLiteral("high") << 60;
        QTest::newRow("number") << QStringLiteral("75") << 75;
        QTest::newRow("critical is not on the scale") << QStringLiteral("critical") << -1;
        QTest::newRow("above 100") << QStringLiteral("101") << -1;
        QTest::newRow("negative") << QStringLiteral("-1") << -1;
    }

    void minSeverityTakesLevelNames()
    {
        QFETCH(QString, given);
        QFETCH(int, expected);
        const QString out = test::tempPath(QStringLiteral("levels.json"));
        const auto r = test::netcase({QStringLiteral("report"), m_case, QStringLiteral("-o"), out,
                                      QStringLiteral("--min-severity"), given});
        if (expected < 0) {
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("--min-severity must be 0..100 or low, medium or high"),
                     r.err.constData());
            return;
        }
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(readAll(out)).object();
        QCOMPARE(doc.value(QStringLiteral("summary"))
                         .toObject()
                         .value(QStringLiteral("min_severity"))
                         .toInt(),
                 expected);
    }

    void enrichmentDescribedOncePerAddress()
    {
        const QString path = report(QStringLiteral("layout-addr.html"));
        const QString html = QString::fromUtf8(readAll(path));
        QVERIFY(html.contains(QLatin1String(
                "<h2 id=\"addresses\" class=\"section\">Appendix A. Addresses</h2>")));
        // The factor names the address and its reference, not the values.
        const qsizetype decisions = html.indexOf(QLatin1String("<h2 id=\"decisions\""));
        const qsizetype findings = html.indexOf(QLatin1String("<h2 id=\"findings\""));
        const QString decisionText = html.mid(decisions, findings - decisions);
        const QRegularExpression ref(QStringLiteral("198\\.51\\.100\\.30 \\[(A\\d+)\\]"));
        const auto m = ref.match(decisionText);
        QVERIFY2(m.hasMatch(), "the factor refers to the address's appendix entry");
        QVERIFY(!decisionText.contains(QLatin1String("Example Test Network")));
        // The value it recorded is written once, in the appendix entry of that reference.
        QCOMPARE(html.count(QLatin1String("Example Test Network AS64496")), 1);
        const qsizetype appendix = html.indexOf(QLatin1String("<h2 id=\"addresses\""));
        QVERIFY(html.indexOf(QLatin1String("Example Test Network AS64496")) > appendix);
        QVERIFY(html.indexOf(QStringLiteral("<td class=\"small\">%1</td>").arg(m.captured(1)),
                             appendix)
                > appendix);
        // The finding's detail refers to it too.
        QVERIFY(html.contains(QStringLiteral("198.51.100.30 [%1]").arg(m.captured(1))));

        const QJsonObject doc = json();
        bool found = false;
        for (const QJsonValue &a : doc.value(QStringLiteral("addresses")).toArray()) {
            const QJsonObject o = a.toObject();
            if (o.value(QStringLiteral("ip")).toString() != QLatin1String("198.51.100.30"))
                continue;
            found = true;
            QCOMPARE(o.value(QStringLiteral("ref")).toString(), m.captured(1));
            QCOMPARE(o.value(QStringLiteral("recorded")).toArray().size(), 2);
            QCOMPARE(o.value(QStringLiteral("decisions")).toArray().first().toString(),
                     QStringLiteral("D1"));
        }
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(TestReportLayout)
#include "tst_reportlayout.moc"
