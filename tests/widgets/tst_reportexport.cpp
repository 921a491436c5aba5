// File → Export report… in the main window: the action follows the case, the export runs in a
// worker with a progress dialog, writes the file, and a cancelled export leaves none.

#include "common/testutil.h"

#include "mainwindow/casecontroller.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/reportexporter.h"

#include <QAction>
#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace netcase;

class TestReportExport : public QObject
{
    Q_OBJECT
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<netcase::ReportOutcome>();
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("export.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1"), QStringLiteral("--title"),
                                QStringLiteral("Export test")})
                         .exitCode,
                 0);
        const QString log = test::makeAccessLog(QStringLiteral("export.log"), 800, 40);
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case, log}).exitCode, 0);
    }

    void exportsWithProgress()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *action = w.findChild<QAction *>(QStringLiteral("exportReport"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        QCOMPARE(w.controller().openCase(m_case, true, true), QString());
        QVERIFY(action->isEnabled()); // review mode reads: a report needs no write access

        auto *exporter = w.findChild<ReportExporter *>();
        QVERIFY(exporter);
        QSignalSpy progress(exporter, &ReportExporter::progress);
        QSignalSpy finished(exporter, &ReportExporter::finished);
        const QString out = test::tempPath(QStringLiteral("gui-report.pdf"));
        exporter->start(out);
        QVERIFY(exporter->busy());
        QVERIFY(w.findChild<QProgressDialog *>(QStringLiteral("reportProgress")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto outcome = finished.at(0).at(0).value<ReportOutcome>();
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QVERIFY(progress.size() > 2);
        QCOMPARE(progress.last().at(0).toInt(), 100);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
        QTRY_VERIFY(!w.findChild<QProgressDialog *>(QStringLiteral("reportProgress")));

        w.controller().closeCase();
        QVERIFY(!action->isEnabled());
    }

    void cancelLeavesNoFile()
    {
        MainWindow w;
        w.show();
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        auto *exporter = w.findChild<ReportExporter *>();
        QSignalSpy finished(exporter, &ReportExporter::finished);
        const QString out = test::tempPath(QStringLiteral("cancelled.html"));
        // Cancel through the dialog's Cancel button right away: reading the case takes far
        // longer than this, and the worker checks the flag up to the final rename.
        exporter->start(out);
        auto *dialog = w.findChild<QProgressDialog *>(QStringLiteral("reportProgress"));
        QVERIFY(dialog);
        auto *button = dialog->findChild<QPushButton *>();
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto outcome = finished.at(0).at(0).value<ReportOutcome>();
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.cancelled);
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
