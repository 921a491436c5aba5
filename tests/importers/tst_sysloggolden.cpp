// Golden tests for the syslog and journal importers: generated inputs imported into a case
// and compared event by event with the committed expectations.

#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestSyslogGolden : public QObject
{
    Q_OBJECT

private:
    void check(const QString &kind,
               const QString &format,
               const QString &dir,
               int year,
               std::int64_t wantRejects)
    {
        const QString input
                = netlogInput(kind, dir + QStringLiteral("/") + kind + QStringLiteral(".log"));
        QVERIFY(!input.isEmpty());
        ImportOptions opt;
        opt.format = format;
        opt.year = year;
        const CaseImport r = importIntoNewCase({input}, opt, kind);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(int(r.report.sources.size()), 1);
        QVERIFY2(r.report.sources[0].error.isEmpty(), qPrintable(r.report.sources[0].error));
        QCOMPARE(r.report.rejects(), wantRejects);
        QVERIFY(r.report.events() > 40);
        QVERIFY(matchesNetlogGolden(r.ecs, dir + QStringLiteral("/") + kind
                                                   + QStringLiteral(".expected.jsonl")));
    }

private Q_SLOTS:
    void rfc3164()
    {
        check(QStringLiteral("syslog"), QStringLiteral("syslog"), QStringLiteral("syslog"), 2023,
              2);
    }
    void rfc5424()
    {
        check(QStringLiteral("rfc5424"), QStringLiteral("syslog"), QStringLiteral("syslog"), 0, 1);
    }
    void journal()
    {
        check(QStringLiteral("journal"), QStringLiteral("journal"), QStringLiteral("journal"), 0,
              2);
    }
};

QTEST_GUILESS_MAIN(TestSyslogGolden)
#include "tst_sysloggolden.moc"
