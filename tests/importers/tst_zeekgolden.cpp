// Golden tests for the Zeek (TSV and JSON) and nfdump importers: generated inputs imported into
// a case and compared event by event with the committed expectations.

#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestZeekGolden : public QObject
{
    Q_OBJECT

private:
    const QString kFiles = QStringLiteral("gen_zeekfiles.py");

    void check(const QString &kind,
               const QString &dir,
               std::int64_t wantRejects,
               const QString &script = QStringLiteral("gen_netlogs.py"))
    {
        const QString input = netlogInput(
                kind, dir + QLatin1Char('/') + kind + QStringLiteral(".log"), 48, script);
        QVERIFY(!input.isEmpty());
        // Auto-detection, not --format: each golden input must be recognised as its format.
        const CaseImport r = importIntoNewCase({input}, ImportOptions{}, kind);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(int(r.report.sources.size()), 1);
        QVERIFY2(r.report.sources[0].error.isEmpty(), qPrintable(r.report.sources[0].error));
        QCOMPARE(r.report.sources[0].format, dir);
        QCOMPARE(r.report.rejects(), wantRejects);
        QVERIFY(r.report.events() >= 40);
        QVERIFY(matchesNetlogGolden(r.ecs, dir + QLatin1Char('/') + kind
                                                   + QStringLiteral(".expected.jsonl")));
    }

private Q_SLOTS:
    void conn() { check(QStringLiteral("zeek-conn"), QStringLiteral("zeek"), 1); }
    void ssh() { check(QStringLiteral("zeek-ssh"), QStringLiteral("zeek"), 1); }
    void http() { check(QStringLiteral("zeek-http"), QStringLiteral("zeek"), 1); }
    void dns() { check(QStringLiteral("zeek-dns"), QStringLiteral("zeek"), 1); }
    void ssl() { check(QStringLiteral("zeek-ssl"), QStringLiteral("zeek"), 1); }
    void json() { check(QStringLiteral("zeek-json"), QStringLiteral("zeek-json"), 1); }
    // x509, files and notice logs mapped to ECS (gen_zeekfiles.py); JSON with pretty-printed
    // records, records without _path and underscore names.
    void x509() { check(QStringLiteral("zeek-x509"), QStringLiteral("zeek"), 1, kFiles); }
    void files() { check(QStringLiteral("zeek-files"), QStringLiteral("zeek"), 1, kFiles); }
    void notice() { check(QStringLiteral("zeek-notice"), QStringLiteral("zeek"), 1, kFiles); }
    void jsonFiles()
    {
        check(QStringLiteral("zeek-json-files"), QStringLiteral("zeek-json"), 1, kFiles);
    }
    void jsonPretty()
    {
        check(QStringLiteral("zeek-json-pretty"), QStringLiteral("zeek-json"), 1, kFiles);
    }
    // One bad address; the summary block is neither events nor rejects.
    void nfdump() { check(QStringLiteral("nfdump"), QStringLiteral("nfdump"), 1); }
};

QTEST_GUILESS_MAIN(TestZeekGolden)
#include "tst_zeekgolden.moc"
