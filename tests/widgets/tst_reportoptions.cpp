// File → Export report… asks which findings the report shows in full (--min-severity) with real
// input: the choice made with the keyboard and the OK button reaches the written report, whose
// JSON states the threshold; Cancel writes nothing. NETCASE_SCREENSHOTS=DIR keeps a PNG of the
// dialog.

#include "common/testutil.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/reportexporter.h"
#include "mainwindow/reportoptionsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace netcase;

class TestReportOptions : public QObject
{
    Q_OBJECT
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<netcase::ReportOutcome>();
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("options.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString log = test::makeAccessLog(QStringLiteral("options.log"), 400, 30);
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case, log}).exitCode, 0);
    }

    void defaultSaysWhatTheFormatDoes()
    {
        ReportOptionsDialog pdf(ReportFormat::Pdf);
        auto *combo = pdf.findChild<QComboBox *>(QStringLiteral("minSeverity"));
        QVERIFY(combo);
        QVERIFY(combo->currentText().contains(QLatin1String("raised")));
        QCOMPARE(pdf.options().minSeverity, ReportOptions::kMinSeverityDefault);
        ReportOptionsDialog html(ReportFormat::Html);
        QVERIFY(html.findChild<QComboBox *>(QStringLiteral("minSeverity"))
                        ->currentText()
                        .contains(QLatin1String("every finding")));
    }

    void choiceReachesTheReport()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_case, true, true), QString());
        ReportOptionsDialog dialog(ReportFormat::Json, &w);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("minSeverity"));
        QVERIFY(combo);
        combo->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(combo, Qt::Key_Down); // to "High and above in full (60)"
        QCOMPARE(combo->currentData().toInt(), 60);
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/report-options-dialog.png")));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(accepted.size(), 1);

        auto *exporter = w.findChild<ReportExporter *>();
        QVERIFY(exporter);
        QSignalSpy finished(exporter, &ReportExporter::finished);
        const QString out = test::tempPath(QStringLiteral("options.json"));
        exporter->start(out, dialog.options());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QVERIFY(finished.at(0).at(0).value<ReportOutcome>().ok);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(doc.value(QStringLiteral("summary"))
                         .toObject()
                         .value(QStringLiteral("min_severity"))
                         .toInt(),
                 60);
    }

    void cancelKeepsNothing()
    {
        ReportOptionsDialog dialog(ReportFormat::Pdf);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel),
                          Qt::LeftButton);
        QCOMPARE(rejected.size(), 1);
    }
};

QTEST_MAIN(TestReportOptions)
#include "tst_reportoptions.moc"
