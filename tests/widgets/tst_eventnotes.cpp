// Notes from the event table driven with real input on the offscreen platform: rows gathered
// with a click and a Shift+click are starred from the right-click menu (the notes column shows
// the star, each change an audit record), Ctrl+Z and Ctrl+Shift+Z undo and redo it, Tag… asks
// for the tag in a dialog typed into, tag:T in the search bar then finds exactly those rows,
// the Notes view lists every note and a click on one makes its event current; a timeline entry
// is typed into the Notes view; review mode offers the actions disabled.

#include "common/eventtableinput.h"
#include "common/testutil.h"

#include "audit/auditlog.h"
#include "case/casesession.h"
#include "case/notestore.h"
#include "events/eventnotes.h"
#include "events/eventsview.h"
#include "events/savedsearches.h"
#include "events/searchbar.h"
#include "events/tagdialog.h"
#include "ingest/importjob.h"
#include "items/eventtablemodel.h"
#include "items/selectionhub.h"
#include "notes/notesview.h"

#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace netcase;
using netcase::test::cellCenter;
using netcase::test::loaded;
using netcase::test::rightClick;

namespace {

/// Opens the row's context menu and clicks the action of that name.
bool chooseFromMenu(QTableView *table, int row, const char *action)
{
    rightClick(table, cellCenter(table, row, EventTableModel::Time));
    QMenu *menu = nullptr;
    if (!QTest::qWaitFor([&] {
            return (menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr;
        }))
        return false;
    QAction *a = menu->findChild<QAction *>(QString::fromLatin1(action));
    if (!a || !a->isEnabled()) {
        menu->close();
        return false;
    }
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
    return true;
}

int count(const Database &db, const char *action)
{
    int n = 0;
    for (const AuditRecord &r : AuditLog::records(db))
        n += r.action == QLatin1String(action);
    return n;
}

} // namespace

class TestEventNotes : public QObject
{
    Q_OBJECT
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("notes.netcase"));
        QVERIFY(CaseFile::create(m_path, CaseInfo{QStringLiteral("notes")}).ok());
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        const QString log = test::makeAccessLog(QStringLiteral("n.log"), 400, 30);
        QVERIFY(ImportJob({log}, ImportOptions{}).run(*c, {}, cancel).ok());
    }

    void starTagUndoAndNotesView()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        EventsView view(hub);
        NotesView notes;
        view.resize(1000, 600);
        view.show();
        notes.show();
        view.setSession(&session);
        notes.setSession(&session);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(loaded(*view.model()));
        QTableView *table = view.table();
        EventTableModel *model = view.model();

        // Rows 1..3 with a click and a Shift+click (on the time column: no pivot).
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          cellCenter(table, 1, EventTableModel::Time));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                          cellCenter(table, 3, EventTableModel::Time));
        const std::vector<std::int64_t> picked = view.notes()->selectedEvents();
        QCOMPARE(picked.size(), size_t(3));
        QVERIFY(hub.selection().isEmpty());

        QVERIFY(chooseFromMenu(table, 2, "starEvents"));
        for (std::int64_t id : picked)
            QVERIFY(model->marksOf(id) && model->marksOf(id)->starred);
        QVERIFY(model->index(1, EventTableModel::Notes).data().toString().contains(u'★'));
        QVERIFY(!model->index(0, EventTableModel::Notes).data().toString().contains(u'★'));
        QCOMPARE(count(session.db(), "note.add"), 1);
        QCOMPARE(notes.table()->rowCount(), 3);

        // Ctrl+Z on the table undoes the star (audited as a removal), Ctrl+Shift+Z redoes it.
        view.activateWindow(); // the Notes view was shown last
        QVERIFY(QTest::qWaitForWindowActive(&view));
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!model->marksOf(picked.front()));
        QCOMPARE(count(session.db(), "note.remove"), 1);
        QCOMPARE(notes.table()->rowCount(), 0);
        QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(model->marksOf(picked.front()) && model->marksOf(picked.front())->starred);
        QCOMPARE(notes.table()->rowCount(), 3);

        // Tag… on the same rows: a dialog, typed into.
        QVERIFY(chooseFromMenu(table, 2, "tagEvents"));
        TagDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = table->findChild<TagDialog *>()));
        QTRY_VERIFY(dialog->isVisible());
        QTest::keyClicks(dialog->tagBox()->lineEdit(), QStringLiteral("phishing"));
        dialog->colorBox()->setFocus();
        QTest::keyClick(dialog->colorBox(), Qt::Key_Down); // "red", the first named colour
        QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(model->marksOf(picked.back()) && !model->marksOf(picked.back())->tags.empty());
        QCOMPARE(model->marksOf(picked.back())->tags.front(),
                 std::make_pair(QStringLiteral("phishing"), QStringLiteral("#d9534f")));
        QVERIFY(model->index(3, EventTableModel::Notes)
                        .data()
                        .toString()
                        .contains(QStringLiteral("phishing")));
        QCOMPARE(notes.table()->rowCount(), 6);

        // tag: in the search bar finds exactly the tagged rows.
        QLineEdit *edit = view.searchBar()->edit();
        QTest::keyClicks(edit, QStringLiteral("tag:phishing"));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(loaded(*model));
        QCOMPARE(model->rowCount(), 3);
        for (int r = 0; r < 3; ++r)
            QCOMPARE(model->eventIdAt(r), picked[size_t(r)]);
        edit->clear();
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(loaded(*model));
        QCOMPARE(model->rowCount(), 400);

        // A click on a note in the Notes view makes its event current in the table.
        QObject::connect(&notes, &NotesView::eventActivated, &view, &EventsView::revealEvent);
        QTableWidget *list = notes.table();
        const int last = list->rowCount() - 1;
        const std::int64_t wanted = list->item(last, NotesView::Event)->text().toLongLong();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(list->item(last, NotesView::Text)).center());
        QTRY_COMPARE(model->eventIdAt(table->currentIndex().row()), wanted);

        // A timeline entry typed into the Notes view.
        QTest::keyClicks(notes.entryTime(), QStringLiteral("2024-01-20T10:05"));
        QTest::keyClicks(notes.entryText(), QStringLiteral("user reports phone stolen"));
        QTest::mouseClick(notes.addButton(), Qt::LeftButton);
        QCOMPARE(list->rowCount(), 7);
        bool found = false;
        for (int r = 0; r < list->rowCount(); ++r)
            found = found
                    || (list->item(r, NotesView::Kind)->text() == QLatin1String("entry")
                        && list->item(r, NotesView::Text)->text()
                                   == QLatin1String("user reports phone stolen"));
        QVERIFY(found);
        QCOMPARE(count(session.db(), "note.add"), 4); // star, redo, tag, entry
    }

    void savedSearches()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        EventsView view(hub);
        view.resize(1000, 600);
        view.show();
        view.setSession(&session);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(loaded(*view.model()));
        QLineEdit *edit = view.searchBar()->edit();
        QTest::keyClicks(edit, QStringLiteral("is:starred"));
        SavedSearchButton *saved = view.savedSearches();
        QVERIFY(saved->save(QStringLiteral("my stars")));
        QCOMPARE(count(session.db(), "search.save"), 1);
        edit->clear();
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(loaded(*view.model()));
        QCOMPARE(view.model()->rowCount(), 400);
        // The button's menu lists it; choosing it applies the query.
        // (The button pops its menu up with a nested event loop; the test pops it up itself.)
        saved->menu()->popup(saved->mapToGlobal(QPoint(0, saved->height())));
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
        QAction *a = menu->findChild<QAction *>(QStringLiteral("saved:my stars"));
        QVERIFY(a);
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
        QVERIFY(loaded(*view.model()));
        QCOMPARE(edit->text(), QStringLiteral("is:starred"));
        QCOMPARE(view.model()->rowCount(), 3);
    }

    void reviewModeIsReadOnly()
    {
        auto c = CaseFile::open(m_path, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c.ok());
        CaseSession session(std::move(*c), true);
        SelectionHub hub;
        EventsView view(hub);
        NotesView notes;
        view.resize(1000, 600);
        view.show();
        view.setSession(&session);
        notes.setSession(&session);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(loaded(*view.model()));
        QVERIFY(notes.table()->rowCount() > 0); // the reviewer reads the notes
        QVERIFY(!notes.addButton()->isEnabled());
        QVERIFY(notes.addButton()->toolTip().contains(QStringLiteral("Review mode")));
        QTableView *table = view.table();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          cellCenter(table, 0, EventTableModel::Time));
        QVERIFY(!chooseFromMenu(table, 0, "starEvents")); // offered, disabled
        QVERIFY(view.model()->index(1, EventTableModel::Notes).data().toString().contains(u'★'));
        // The reviewer applies saved searches but cannot save one.
        view.savedSearches()->fillMenu();
        QVERIFY(view.savedSearches()->menu()->findChild<QAction *>(
                QStringLiteral("saved:my stars")));
        QVERIFY(!view.savedSearches()
                         ->menu()
                         ->findChild<QAction *>(QStringLiteral("saveSearch"))
                         ->isEnabled());
    }
};

QTEST_MAIN(TestEventNotes)
#include "tst_eventnotes.moc"
