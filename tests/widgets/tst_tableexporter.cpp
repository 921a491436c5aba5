// File → Export table… on the offscreen platform: the action (Ctrl+Shift+E) exports the events
// the Events view shows (all matching rows) or the findings table when the findings view has
// focus, through the worker and its progress dialog; a cancelled export leaves no file.

#include "common/testutil.h"
#include "common/views2fixture.h"

#include "case/casesession.h"
#include "case/eventquery.h"
#include "events/eventsview.h"
#include "findings/findingsview.h"
#include "items/eventtablemodel.h"
#include "items/findingsmodel.h"
#include "items/selectionhub.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/dockmanager.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/tableexporter.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace netcase;
namespace v2 = netcase::test::views2;

namespace {

/// Data lines of a CSV file written by the exporter (records end with CRLF; fields of these
/// fixtures hold no line breaks).
int csvRecords(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return int(f.readAll().count("\r\n"));
}

} // namespace

class TestTableExporter : public QObject
{
    Q_OBJECT
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("exporter.netcase"));
        QVERIFY(v2::makeCase(m_case));
    }

    void actionExportsTheFilteredEvents()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *action = w.findChild<QAction *>(QStringLiteral("exportTable"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
        QVERIFY(!action->isEnabled()); // no case yet
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        QVERIFY(action->isEnabled());

        // Filter the events to one account, as an analyst would from any view.
        w.hub().selectAccount(QString::fromLatin1(v2::kCarol));
        EventTableModel *model = w.docks().eventsView()->model();
        QTRY_COMPARE(model->rowCount(), v2::kCarolEvents);
        const std::int64_t expected
                = EventQuery(w.controller().session()->db()).count(model->filter());
        QCOMPARE(expected, std::int64_t(v2::kCarolEvents));

        auto *exporter = w.findChild<TableExporter *>(QStringLiteral("tableExporter"));
        QVERIFY(exporter);
        const QString path = test::tempPath(QStringLiteral("events-export.csv"));
        QString suggested;
        exporter->setPathProvider([&](ExportTable table, const QString &suggestion) {
            suggested = suggestion;
            return table == ExportTable::Events ? path : QString();
        });
        int asked = 0;
        exporter->setTableChooser([&]() -> std::optional<ExportTable> {
            ++asked;
            return ExportTable::Events;
        });
        w.docks().eventsView()->findChild<QTableView *>(QStringLiteral("eventTable"))->setFocus();
        QSignalSpy done(exporter, &TableExporter::finished);
        action->trigger();
        QVERIFY(done.wait(30000));
        const auto outcome = done.first().first().value<TableExportOutcome>();
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.rows, expected);
        QVERIFY(suggested.endsWith(QStringLiteral("exporter-events.csv")));
        QCOMPARE(csvRecords(path), int(expected) + 1);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.startsWith("'@timestamp,event.timezone,"));
        QVERIFY(text.contains(v2::kAgent));
    }

    void focusedFindingsViewExportsFindings()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        auto *findings = qobject_cast<FindingsView *>(w.docks().view(QStringLiteral("findings")));
        QVERIFY(findings);
        const int shown = findings->model()->rowCount();
        QVERIFY(shown > 0);
        auto *exporter = w.findChild<TableExporter *>(QStringLiteral("tableExporter"));
        const QString path = test::tempPath(QStringLiteral("findings-export.csv"));
        exporter->setPathProvider([&](ExportTable table, const QString &) {
            return table == ExportTable::Findings ? path : QString();
        });
        int asked = 0;
        exporter->setTableChooser([&]() -> std::optional<ExportTable> {
            ++asked;
            return std::nullopt;
        });
        auto *table = findings->findChild<QTableView *>(QStringLiteral("findingsTable"));
        w.activateWindow();
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QSignalSpy done(exporter, &TableExporter::finished);
        QTest::keyClick(&w, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(done.wait(30000));
        QCOMPARE(asked, 0); // the focused view decided
        const auto outcome = done.first().first().value<TableExportOutcome>();
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.rows, qint64(shown));
        QCOMPARE(csvRecords(path), shown + 1);
    }

    void noChoiceNoFile()
    {
        MainWindow w;
        w.show();
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        auto *exporter = w.findChild<TableExporter *>(QStringLiteral("tableExporter"));
        int pathAsked = 0;
        exporter->setPathProvider([&](ExportTable, const QString &) {
            ++pathAsked;
            return QString();
        });
        exporter->setTableChooser([] { return std::optional<ExportTable>(); });
        w.setFocus();
        exporter->exportInteractive();
        QCOMPARE(pathAsked, 0);
        QVERIFY(!exporter->busy());
    }

    void cancelLeavesNoFile()
    {
        // Enough rows that the export is still running when Cancel is pressed.
        const QString big = test::tempPath(QStringLiteral("big-export.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), big, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString log = test::makeAccessLog(QStringLiteral("big-export.log"), 30000, 500);
        QCOMPARE(test::netcase({QStringLiteral("import"), big, log}).exitCode, 0);
        MainWindow w;
        w.show();
        QCOMPARE(w.controller().openCase(big, false, true), QString());
        auto *exporter = w.findChild<TableExporter *>(QStringLiteral("tableExporter"));
        const QString path = test::tempPath(QStringLiteral("cancelled-export.csv"));
        QSignalSpy done(exporter, &TableExporter::finished);
        exporter->start(ExportTable::Events, path);
        QVERIFY(exporter->busy());
        auto *dialog = w.findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
        QVERIFY(dialog);
        auto *cancel = dialog->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click(); // the dialog's Cancel button
        QVERIFY(done.wait(30000));
        const auto outcome = done.first().first().value<TableExportOutcome>();
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.cancelled);
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestTableExporter)
#include "tst_tableexporter.moc"
