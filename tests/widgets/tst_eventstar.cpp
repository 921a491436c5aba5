// The event table repaints a row as soon as a note on it changes, without reloading the case:
// Ctrl+D on a clicked row stars it (the model's notes cell shows ★ and the model announces the
// change for that row, so the view repaints it), Ctrl+D again unstars it, and a tag added
// from the right-click menu's Tag… shows up the same way. Each change is audited.

#include "common/eventtableinput.h"
#include "common/shownevents.h"
#include "common/testutil.h"

#include "audit/auditlog.h"
#include "case/casesession.h"
#include "events/eventnotes.h"
#include "events/eventsview.h"
#include "events/tagdialog.h"
#include "ingest/importjob.h"
#include "items/selectionhub.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTest>

using namespace netcase;
using netcase::test::cellCenter;
using netcase::test::loaded;
using netcase::test::rightClick;

namespace {

/// True when a dataChanged signal of the spy covers row's notes cell.
bool repainted(const QSignalSpy &spy, int row)
{
    for (const QList<QVariant> &args : spy) {
        const auto from = args.at(0).value<QModelIndex>();
        const auto to = args.at(1).value<QModelIndex>();
        if (from.row() <= row && row <= to.row() && from.column() <= EventTableModel::Notes
            && EventTableModel::Notes <= to.column())
            return true;
    }
    return false;
}

QString notesCell(EventTableModel *model, int row)
{
    return model->index(row, EventTableModel::Notes).data().toString();
}

} // namespace

class TestEventStar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void starShortcutAndTagRepaintTheRow()
    {
        const QString path = test::tempPath(QStringLiteral("star.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("star")}).ok());
        {
            auto c = CaseFile::open(path);
            QVERIFY(c.ok());
            std::atomic<bool> cancel{false};
            const QString log = test::makeAccessLog(QStringLiteral("s.log"), 100, 10);
            QVERIFY(ImportJob({log}, ImportOptions{}).run(*c, {}, cancel).ok());
        }
        test::ShownEvents shown(path);
        QVERIFY(shown.ok());
        EventsView &view = *shown.view;
        CaseSession &session = *shown.session;
        EventTableModel *model = view.model();
        QVERIFY(loaded(*model));
        QTableView *table = view.table();
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);

        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          cellCenter(table, 2, EventTableModel::Time));
        QVERIFY(!notesCell(model, 2).contains(u'★'));
        QTest::keyClick(table, Qt::Key_D, Qt::ControlModifier);
        QVERIFY(notesCell(model, 2).contains(u'★'));
        QVERIFY(!notesCell(model, 1).contains(u'★'));
        QVERIFY(repainted(changed, 2));
        QCOMPARE(reset.count(), 0); // no reload of the table
        QCOMPARE(NoteStore::eventsWith(session.db(), Note::Kind::Star),
                 (std::vector<std::int64_t>{model->eventIdAt(2)}));

        changed.clear();
        QTest::keyClick(table, Qt::Key_D, Qt::ControlModifier);
        QVERIFY(!notesCell(model, 2).contains(u'★'));
        QVERIFY(repainted(changed, 2));
        QVERIFY(NoteStore::eventsWith(session.db(), Note::Kind::Star).empty());

        // Tag… from the context menu: the tag shows in the row at once, in its colour.
        changed.clear();
        rightClick(table, cellCenter(table, 2, EventTableModel::Time));
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
        QAction *tagAction = menu->findChild<QAction *>(QStringLiteral("tagEvents"));
        QVERIFY(tagAction);
        QCOMPARE(menu->findChild<QAction *>(QStringLiteral("starEvents"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::Key_D));
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(tagAction).center());
        TagDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = table->findChild<TagDialog *>()) && dialog->isVisible());
        QTest::keyClicks(dialog->tagBox()->lineEdit(), QStringLiteral("c2"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_VERIFY(notesCell(model, 2).contains(QStringLiteral("c2")));
        QVERIFY(repainted(changed, 2));
        QVERIFY(model->index(2, EventTableModel::Notes).data(Qt::ForegroundRole).isValid());
        QCOMPARE(reset.count(), 0);

        int added = 0;
        for (const AuditRecord &r : AuditLog::records(session.db()))
            added += r.action == QLatin1String("note.add");
        QCOMPARE(added, 2); // the star and the tag (the unstar is a note.remove)
    }
};

QTEST_MAIN(TestEventStar)
#include "tst_eventstar.moc"
