// The main window on the offscreen platform: opening a case shows its rows, importing through
// the window's worker adds rows with progress, cancel leaves the case unchanged, and a corrupt
// case is refused without crashing.

#include "common/testutil.h"

#include "annotations/annotationpane.h"
#include "annotations/decisioneditor.h"
#include "case/casesession.h"
#include "common/progresspanel.h"
#include "events/eventsview.h"
#include "items/eventtablemodel.h"
#include "items/selectionhub.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/dockmanager.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/modebanner.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

using namespace netcase;

class TestMainWindow : public QObject
{
    Q_OBJECT
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("gui.netcase"));
        QVERIFY(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                               QStringLiteral("TEST-1")})
                        .exitCode
                == 0);
        const QString log = test::makeAccessLog(QStringLiteral("gui.log"), 500, 40);
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case, log}).exitCode, 0);
    }

    void opensCaseAndShowsRows()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        auto *table = w.findChild<QTableView *>(QStringLiteral("eventTable"));
        QVERIFY(table);
        QTRY_COMPARE(table->model()->rowCount(), 500);
        QVERIFY(w.windowTitle().contains(QStringLiteral("gui")));
        auto *counts = w.findChild<QLabel *>(QStringLiteral("statusCounts"));
        QVERIFY(counts->text().contains(QStringLiteral("500 events")));

        // Clicking a row shows its original record.
        const QRect cell = table->visualRect(table->model()->index(3, 1));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        auto *raw = w.findChild<QPlainTextEdit *>(QStringLiteral("rawRecord"));
        QTRY_VERIFY(raw->toPlainText().contains(QStringLiteral("gui.log, line 4")));
        QVERIFY(raw->toPlainText().contains(QStringLiteral("HTTP/1.1")));
    }

    void fitsLaptopAndDesktopScreens_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1440x900") << QSize(1440, 900);
        QTest::newRow("1400x900 (a 1600x1000 screen)") << QSize(1400, 900);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void fitsLaptopAndDesktopScreens()
    {
        QFETCH(QSize, screen);
        MainWindow w;
        w.docks().arrangeFor(screen);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        QTest::qWait(100);
        QCOMPARE(w.size(), screen);
        QVERIFY(w.minimumSizeHint().height() <= screen.height());
        // No two visible docks overlap, and each lies inside the window.
        QList<QRect> shown;
        for (const DockManager::View &v : w.docks().views()) {
            if (!v.dock || !v.dock->isVisible() || v.dock->visibleRegion().isEmpty())
                continue;
            const QRect r(v.dock->mapTo(&w, QPoint(0, 0)), v.dock->size());
            QVERIFY2(w.rect().contains(r), qPrintable(v.id));
            for (const QRect &o : shown)
                QVERIFY2(!o.intersects(r), qPrintable(v.id));
            shown.append(r);
        }
        QVERIFY(shown.size() >= 3);
        // The findings list shows more than three rows (at 1400x900 it showed two and a half
        // beside a details pane as tall as the table), three on a 768-pixel laptop.
        auto *findings = w.findChild<QTableView *>(QStringLiteral("findingsTable"));
        QVERIFY(findings);
        const int rows
                = findings->viewport()->height() / findings->verticalHeader()->defaultSectionSize();
        QVERIFY2(rows >= (screen.height() >= 900 ? 4 : 3), qPrintable(QString::number(rows)));
    }

    void unrecordedDraftAsksBeforeClosing()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        auto *log = w.findChild<QTableView *>(QStringLiteral("eventTable"));
        QTRY_COMPARE(log->model()->rowCount(), 500);
        w.hub().selectIp(log->model()->index(0, 1).data().toString());
        auto *reasoning = w.findChild<QPlainTextEdit *>(QStringLiteral("reasoning"));
        QVERIFY(reasoning);
        reasoning->setFocus();
        QTest::keyClicks(reasoning, QStringLiteral("shared office address"));
        QVERIFY(qobject_cast<AnnotationPane *>(w.docks().view(QStringLiteral("annotations")))
                        ->editor()
                        ->dirty());

        // Answer the question with the given button once it is on screen.
        auto answer = [](QMessageBox::StandardButton button) {
            QTimer::singleShot(0, [button] {
                QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box->text().contains(QLatin1String("not been recorded")));
                QTest::mouseClick(box->button(button), Qt::LeftButton);
            });
        };
        auto action = [&w](const char *text) {
            for (QAction *a : w.findChildren<QAction *>()) {
                if (a->text() == QLatin1String(text))
                    return a;
            }
            return static_cast<QAction *>(nullptr);
        };
        QAction *quit = action("&Quit");
        QAction *close = action("&Close case");
        QVERIFY(quit && close);
        QCOMPARE(quit->shortcut(), QKeySequence(QStringLiteral("Ctrl+Q")));
        QCOMPARE(close->shortcut(), QKeySequence(QStringLiteral("Ctrl+W")));
        answer(QMessageBox::Cancel); // Quit, then keep the draft
        log->setFocus(); // the shortcuts as the analyst presses them, from the event table
        QTest::keySequence(log, quit->shortcut());
        QVERIFY(w.isVisible());
        QVERIFY(w.controller().session());
        QCOMPARE(reasoning->toPlainText(), QStringLiteral("shared office address"));
        answer(QMessageBox::Cancel); // opening another case keeps this one too
        QVERIFY(!w.controller().openCase(m_case, false, true).isEmpty());
        QVERIFY(w.controller().session());

        w.activateWindow(); // the window is active again once the question has gone
        QVERIFY(QTest::qWaitForWindowActive(&w));
        answer(QMessageBox::Discard); // File → Close case (its shortcut), then discard
        QTest::keySequence(log, close->shortcut());
        QVERIFY(!w.controller().session());
        QVERIFY(w.close()); // nothing left to ask about
    }

    void keyboardShortcutsAreListed()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QAction *show = w.findChild<QAction *>(QStringLiteral("showShortcuts"));
        QVERIFY(show);
        QTimer::singleShot(0, [] {
            QTRY_VERIFY(qobject_cast<QDialog *>(QApplication::activeModalWidget()));
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
            QVERIFY(table);
            QStringList rows;
            for (int r = 0; r < table->rowCount(); ++r)
                rows << table->item(r, 0)->text() + QLatin1Char(' ') + table->item(r, 1)->text();
            const QString all = rows.join(QLatin1Char('\n'));
            for (const char *want :
                 {"Ctrl+Q Quit", "Ctrl+W", "Close case", "Ctrl+F", "Search the events"})
                QVERIFY2(all.contains(QLatin1String(want)), qPrintable(all));
            QTest::keyClick(dialog, Qt::Key_Escape);
        });
        show->trigger(); // Help → Keyboard shortcuts
        QVERIFY(!QApplication::activeModalWidget());
    }

    void reviewModeIsVisibleAtAGlance()
    {
        MainWindow w;
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *banner = w.findChild<ModeBanner *>(QStringLiteral("modeBanner"));
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());
        // Opened for review: the title starts with the mode and a banner spans the window.
        QCOMPARE(w.controller().openCase(m_case, true, true), QString());
        QVERIFY2(w.windowTitle().startsWith(QStringLiteral("REVIEW")), qPrintable(w.windowTitle()));
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("REVIEW MODE")));
        QTRY_VERIFY2(banner->width() >= w.width() - 20,
                     qPrintable(QStringLiteral("%1 of %2").arg(banner->width()).arg(w.width())));
        auto *table = w.findChild<QTableView *>(QStringLiteral("eventTable"));
        QVERIFY(banner->mapTo(&w, QPoint(0, banner->height())).y()
                <= table->mapTo(&w, QPoint(0, 0)).y());
        // Closed and opened for work: no banner, no mode in the title.
        w.controller().closeCase();
        QTRY_VERIFY2(!banner->isVisible(),
                     qPrintable(w.windowTitle() + QLatin1Char('|') + banner->text()));
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        QTRY_VERIFY(!w.windowTitle().contains(QStringLiteral("REVIEW")));
        QVERIFY(!banner->isVisible());
        w.controller().closeCase();
    }

    void anEmptyCaseSaysHowToImport()
    {
        const QString empty = test::tempPath(QStringLiteral("gui-empty.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), empty, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        MainWindow w;
        w.show();
        QCOMPARE(w.controller().openCase(empty, false, true), QString());
        auto *events = w.findChild<EventsView *>();
        QVERIFY(events);
        QTRY_VERIFY(!events->model()->isLoading());
        bool said = false;
        for (const QLabel *label : events->findChildren<QLabel *>())
            said = said || label->text().contains(QStringLiteral("Import files… (Ctrl+I)"));
        QVERIFY(said);
    }

    void importThroughWorkerAddsRows()
    {
        MainWindow w;
        w.show();
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        const QString more = test::makeAccessLog(QStringLiteral("more.log"), 1234, 10);
        QSignalSpy done(&w.controller().importRunner(), &ImportRunner::finished);
        w.controller().importFiles({more});
        QVERIFY(done.wait(60000));
        auto *table = w.findChild<QTableView *>(QStringLiteral("eventTable"));
        QTRY_COMPARE(table->model()->rowCount(), 500 + 1234);
    }

    void aFolderImportListsWhatItSkipped()
    {
        MainWindow w;
        w.show();
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        const QString folder = test::tempPath(QStringLiteral("skip-folder"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::copy(test::makeAccessLog(QStringLiteral("inside.log"), 20, 3),
                            folder + QStringLiteral("/inside.log")));
        const QString outside = test::makeAccessLog(QStringLiteral("outside.log"), 5, 2);
        QVERIFY(QFile::link(outside, folder + QStringLiteral("/escape.log")));
        // The box comes up at the end of the import, inside the import's own signal: a timer
        // that looks each 50 ms reads it and closes it (a blocking wait here would sit beneath
        // the box's event loop).
        QString shown;
        QTimer poll;
        poll.setInterval(50);
        connect(&poll, &QTimer::timeout, &poll, [&shown, &poll] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            shown = box->text();
            poll.stop();
            QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
        });
        poll.start();
        QSignalSpy done(&w.controller().importRunner(), &ImportRunner::finished);
        w.controller().importFiles({folder});
        QVERIFY(done.count() > 0 || done.wait(60000));
        QTRY_VERIFY(!shown.isEmpty());
        QVERIFY2(shown.contains(QLatin1String("skipped: ")) && shown.contains(outside)
                         && shown.contains(QLatin1String("outside the folder")),
                 qPrintable(shown));
    }

    void cancelFromTheProgressPanel()
    {
        const QString path = test::tempPath(QStringLiteral("cancel-gui.netcase"));
        QVERIFY(test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                               QStringLiteral("TEST-1")})
                        .exitCode
                == 0);
        MainWindow w;
        w.show();
        QCOMPARE(w.controller().openCase(path, false, true), QString());
        const QString big = test::makeAccessLog(QStringLiteral("big-gui.log"), 400000, 3000);
        QSignalSpy done(&w.controller().importRunner(), &ImportRunner::finished);
        w.controller().importFiles({big});
        auto *panel = w.findChild<ProgressPanel *>(QStringLiteral("progressPanel"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible() || done.count() > 0, 30000);
        if (done.count() == 0) {
            auto *cancel = panel->findChild<QToolButton *>(QStringLiteral("cancelButton"));
            QTest::mouseClick(cancel, Qt::LeftButton);
        }
        QVERIFY(done.count() > 0 || done.wait(60000));
        const auto outcome = done.first().first().value<ImportOutcome>();
        if (!outcome.cancelled)
            QSKIP("the import finished before the click landed (machine too fast)");
        auto *table = w.findChild<QTableView *>(QStringLiteral("eventTable"));
        QCOMPARE(table->model()->rowCount(), 0);
        QCOMPARE(w.controller().session()->db().scalar("SELECT count(*) FROM sources"), 0);
    }

    void corruptCaseIsRefused()
    {
        const QString bad = test::tempPath(QStringLiteral("bad.netcase"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("SQLite format 3");
        f.write(QByteArray(5000, '\0'));
        f.close();
        MainWindow w;
        const QString err = w.controller().openCase(bad, false, true);
        QVERIFY(!err.isEmpty());
        QVERIFY(w.controller().session() == nullptr);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
