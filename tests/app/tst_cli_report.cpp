// netcase report end to end through the real binary: exit codes (usage 1, data 2) and that
// each format is written.

#include "common/testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace netcase;

class TestCliReport : public QObject
{
    Q_OBJECT

    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("cli-report.netcase"));
        auto r = test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1"), QStringLiteral("--title"),
                                QStringLiteral("CLI report"), QStringLiteral("--authorization"),
                                QStringLiteral("INC-1")});
        QCOMPARE(r.exitCode, 0);
        const QString log = test::makeAccessLog(QStringLiteral("cli-report.log"), 400, 20);
        QVERIFY(!log.isEmpty());
        r = test::netcase({QStringLiteral("import"), m_case, log});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void writesEachFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("start");
        QTest::newRow("html") << QStringLiteral("r.html") << QByteArray("<!DOCTYPE html>");
        QTest::newRow("pdf") << QStringLiteral("r.pdf") << QByteArray("%PDF-");
        QTest::newRow("json") << QStringLiteral("r.json") << QByteArray("{");
    }

    void writesEachFormat()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, start);
        const QString out = test::tempPath(name);
        const auto r = test::netcase({QStringLiteral("report"), m_case, QStringLiteral("-o"), out,
                                      QStringLiteral("--page"), QStringLiteral("letter")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed(), QFileInfo(out).absoluteFilePath().toUtf8());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith(start));
    }

    void exitCodes()
    {
        const QString out = test::tempPath(QStringLiteral("x.html"));
        // Missing -o: usage.
        auto r = test::netcase({QStringLiteral("report"), m_case});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("usage"));
        // Unknown extension: usage, before the case is read.
        r = test::netcase({QStringLiteral("report"), m_case, QStringLiteral("-o"),
                           test::tempPath(QStringLiteral("x.txt"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(".html, .pdf or .json"));
        // Unknown page size: usage.
        r = test::netcase({QStringLiteral("report"), m_case, QStringLiteral("-o"), out,
                           QStringLiteral("--page"), QStringLiteral("a5")});
        QCOMPARE(r.exitCode, 1);
        // A file that is not a case: data error, and nothing written.
        const QString notCase = test::tempPath(QStringLiteral("not-a-case.netcase"));
        QFile f(notCase);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a netcase file\n");
        f.close();
        r = test::netcase({QStringLiteral("report"), notCase, QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFile::exists(out));
        // A case that does not exist: data error.
        r = test::netcase({QStringLiteral("report"), test::tempPath(QStringLiteral("none.netcase")),
                           QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_MAIN(TestCliReport)
#include "tst_cli_report.moc"
