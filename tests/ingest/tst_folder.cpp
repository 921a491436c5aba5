// A folder import takes every file below it (sorted), each detected on its own.

#include "common/implogs_case.h"
#include "ingest/inputs.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestFolder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachFileDetectedOnItsOwn()
    {
        const QString dir = tempPath(QStringLiteral("folder"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/b")));
        const QList<QPair<QString, QString>> files
                = {{QStringLiteral("syslog"), QStringLiteral("syslog/syslog.log")},
                   {QStringLiteral("journal"), QStringLiteral("journal/journal.log")},
                   {QStringLiteral("zeek-http"), QStringLiteral("zeek/zeek-http.log")},
                   {QStringLiteral("zeek-json"), QStringLiteral("zeek-json/zeek-json.log")},
                   {QStringLiteral("nfdump"), QStringLiteral("nfdump/nfdump.log")}};
        int i = 0;
        for (const auto &[kind, rel] : files) {
            const QString in = netlogInput(kind, rel);
            QVERIFY(!in.isEmpty());
            const QString sub = i++ % 2 ? QStringLiteral("/b/") : QStringLiteral("/");
            QVERIFY(QFile::copy(in, dir + sub + kind + QStringLiteral(".txt")));
        }
        QFile unknown(dir + QStringLiteral("/b/notes.txt"));
        QVERIFY(unknown.open(QIODevice::WriteOnly));
        unknown.write("just some notes\nnothing to import\n");
        unknown.close();

        auto items = expandInputs({dir});
        QVERIFY(items.ok());
        QCOMPARE(int(items->size()), 6);

        const CaseImport r = importIntoNewCase({dir}, ImportOptions{}, QStringLiteral("folder"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QStringList got;
        for (const SourceReport &s : r.report.sources)
            got << s.name + QLatin1Char('=')
                            + (s.error.isEmpty() ? s.format : QStringLiteral("error"));
        got.sort();
        QCOMPARE(got,
                 QStringList(
                         {QStringLiteral("journal.txt=journal"),
                          QStringLiteral("nfdump.txt=nfdump"), QStringLiteral("notes.txt=error"),
                          QStringLiteral("syslog.txt=syslog"), QStringLiteral("zeek-http.txt=zeek"),
                          QStringLiteral("zeek-json.txt=zeek-json")}));
    }
};

QTEST_GUILESS_MAIN(TestFolder)
#include "tst_folder.moc"
