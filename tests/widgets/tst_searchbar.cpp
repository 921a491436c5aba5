// The events search bar driven with real keys on the offscreen platform: Ctrl+F focuses it, a
// typed query is counted while typing and applied with Enter (the table shows exactly the
// events the query selects), a bad query shows its error inline and leaves the table alone,
// Up recalls the last query, field names complete, and the query combines with the linked
// selection. Pivots from the table: a click on an address or account cell selects it in the
// hub, a right-click menu filters for or out of a value by editing the query.

#include "common/eventtableinput.h"
#include "common/testutil.h"

#include "case/casesession.h"
#include "case/eventquery.h"
#include "events/eventsview.h"
#include "events/searchbar.h"
#include "ingest/importjob.h"
#include "items/eventtablemodel.h"
#include "items/selectionhub.h"
#include "query/eventsearch.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace netcase;
using netcase::test::loaded;
using netcase::test::rightClick;

class TestSearchBar : public QObject
{
    Q_OBJECT
    QString m_path;

    std::int64_t expected(CaseSession &session, const char *q, const EventFilter &base = {})
    {
        EventFilter f = base;
        if (query::applyQuery(q, f))
            return -1;
        return EventQuery(session.db()).count(f);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("search.netcase"));
        QVERIFY(CaseFile::create(m_path, CaseInfo{QStringLiteral("search")}).ok());
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        const QString log = test::makeAccessLog(QStringLiteral("s.log"), 3000, 60);
        QVERIFY(ImportJob({log}, ImportOptions{}).run(*c, {}, cancel).ok());
    }

    void typeCountApply()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        EventsView view(hub);
        view.resize(900, 600);
        view.show();
        view.setSession(&session);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(loaded(*view.model()));
        QCOMPARE(view.model()->rowCount(), 3000);

        QLineEdit *edit = view.searchBar()->edit();
        view.table()->setFocus();
        QVERIFY(!edit->hasFocus());
        QTest::keyClick(&view, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(edit->hasFocus());

        QSignalSpy counted(view.searchBar(), &SearchBar::counted);
        QTest::keyClicks(edit, QStringLiteral("status>=400 method:GET"));
        QVERIFY(counted.wait(10000));
        const std::int64_t want = expected(session, "status>=400 method:GET");
        QVERIFY(want > 0 && want < 3000);
        QCOMPARE(counted.last().first().toLongLong(), want);
        QVERIFY(view.searchBar()->status()->text().contains(QLocale().toString(qlonglong(want))));
        QCOMPARE(view.model()->rowCount(), 3000); // counted, not yet applied

        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(loaded(*view.model()));
        QCOMPARE(view.model()->rowCount(), int(want));
        QCOMPARE(view.table()->model()->rowCount(), int(want));

        // A bad query: the error in plain text with the position; the table keeps its rows.
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("status>=abc"));
        QTest::keyClick(edit, Qt::Key_Return);
        const QString status = view.searchBar()->status()->text();
        QVERIFY2(status.startsWith(QStringLiteral("at character 9: expected a whole number")),
                 qPrintable(status));
        QCOMPARE(view.searchBar()->status()->textFormat(), Qt::PlainText);
        QVERIFY(view.searchBar()->status()->isVisible());
        QVERIFY(loaded(*view.model()));
        QCOMPARE(view.model()->rowCount(), int(want));

        // History: Up brings back the last applied query.
        edit->clear();
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(edit->text(), QStringLiteral("status>=400 method:GET"));

        // Escape clears the query and shows every event again.
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(edit->text().isEmpty());
        QVERIFY(loaded(*view.model()));
        QCOMPARE(view.model()->rowCount(), 3000);
    }

    void combinesWithSelection()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        EventsView view(hub);
        view.resize(900, 600);
        view.show();
        view.setSession(&session);
        QVERIFY(loaded(*view.model()));
        const QString ip = view.model()->index(5, EventTableModel::SourceIp).data().toString();
        QVERIFY(!ip.isEmpty());
        hub.selectIp(ip);
        QVERIFY(loaded(*view.model()));
        const int selected = view.model()->rowCount();
        QVERIFY(selected > 0 && selected < 3000);

        QLineEdit *edit = view.searchBar()->edit();
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("NOT status:200"));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(loaded(*view.model()));
        const std::int64_t want = expected(session, "NOT status:200", hub.filter());
        QCOMPARE(view.model()->rowCount(), int(want));
        QVERIFY(want < selected);
    }

    void pivotsFromCells()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        EventsView view(hub);
        view.resize(1200, 700);
        view.show();
        view.setSession(&session);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(loaded(*view.model()));
        QTableView *table = view.table();

        // Right-click a status cell of 200: "filter out" edits the query and applies it.
        int row = 0;
        while (view.model()->index(row, EventTableModel::Status).data().toInt() != 200)
            ++row;
        QRect cell = table->visualRect(view.model()->index(row, EventTableModel::Status));
        rightClick(table, cell.center());
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
        QCOMPARE(menu->objectName(), QStringLiteral("eventCellMenu"));
        QAction *out = menu->findChild<QAction *>(QStringLiteral("filterOut"));
        QVERIFY(out);
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(out).center());
        QCOMPARE(view.searchBar()->edit()->text(), QStringLiteral("NOT status:200"));
        QVERIFY(loaded(*view.model()));
        const std::int64_t want = expected(session, "NOT status:200");
        QVERIFY(want > 0 && want < 3000);
        QCOMPARE(view.model()->rowCount(), int(want));

        // Right-click a user agent: "filter for" narrows the query with the exact value.
        const EventRow *first = view.model()->rowAt(0);
        QVERIFY(first);
        const QString ua = QString::fromStdString(first->event.userAgent);
        const QString sourceName = first->sourceName; // rows are cached pages: copy
        cell = table->visualRect(view.model()->index(0, EventTableModel::UserAgent));
        rightClick(table, cell.center());
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
        QAction *in = menu->findChild<QAction *>(QStringLiteral("filterFor"));
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(in).center());
        const QString q = QStringLiteral("NOT status:200 ua:\"%1\"").arg(ua);
        QCOMPARE(view.searchBar()->edit()->text(), q);
        QVERIFY(loaded(*view.model()));
        QCOMPARE(view.model()->rowCount(), int(expected(session, q.toUtf8().constData())));

        // A left click on an address cell selects the address in every view.
        const QString ip = view.model()->index(0, EventTableModel::SourceIp).data().toString();
        cell = table->visualRect(view.model()->index(0, EventTableModel::SourceIp));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(hub.selection().ips, QStringList{ip});
        QVERIFY(loaded(*view.model()));
        // The clicked event stays current, its record on show.
        auto *raw = view.findChild<QPlainTextEdit *>(QStringLiteral("rawRecord"));
        QTRY_VERIFY(raw->toPlainText().startsWith(sourceName));
        QVERIFY(raw->toPlainText().contains(ip));
        EventFilter selected = hub.filter();
        QCOMPARE(view.model()->rowCount(),
                 int(expected(session, q.toUtf8().constData(), selected)));

        // And on an account cell, the account (rows without one select nothing).
        view.searchBar()->setQuery(QStringLiteral("user:*"));
        QVERIFY(loaded(*view.model()));
        hub.clear();
        QVERIFY(loaded(*view.model()));
        const QString user = view.model()->index(0, EventTableModel::User).data().toString();
        QVERIFY(!user.isEmpty());
        cell = table->visualRect(view.model()->index(0, EventTableModel::User));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(hub.selection().accounts, QStringList{user});
    }

    void completesFieldNames()
    {
        SearchBar bar;
        bar.resize(600, 60);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        bar.edit()->setFocus();
        QTest::keyClicks(bar.edit(), QStringLiteral("user:alice sta"));
        QCompleter *completer = bar.edit()->findChild<QCompleter *>();
        QVERIFY(!completer); // the completer is the bar's, set on the edit
        completer = bar.findChild<QCompleter *>();
        QVERIFY(completer);
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completer->currentCompletion(), QStringLiteral("status:"));
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(bar.edit()->text(), QStringLiteral("user:alice status:"));
    }
};

QTEST_MAIN(TestSearchBar)
#include "tst_searchbar.moc"
