// The event table's column chooser and Ctrl+C, with real input on the offscreen platform: the
// header's menu lists the optional fields of the field table hidden, checking destination.ip
// shows it (and the choice survives a new view), and rows selected with a click and a
// Shift+click are copied by Ctrl+C as tab-separated text with a header, a hostile value's tab
// and bidi override made visible instead of splitting the cell.

#include "common/eventtableinput.h"
#include "common/shownevents.h"
#include "common/testutil.h"

#include "case/casesession.h"
#include "case/sqlite.h"
#include "core/fields.h"
#include "events/eventcolumns.h"
#include "events/eventsview.h"
#include "items/eventtablemodel.h"
#include "items/selectionhub.h"
#include "store/eventwriter.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace netcase;
using netcase::test::loaded;

namespace {

int columnOf(const QAbstractItemModel &m, const QString &title)
{
    for (int c = 0; c < m.columnCount(); ++c)
        if (m.headerData(c, Qt::Horizontal).toString() == title)
            return c;
    return -1;
}

} // namespace

class TestEventColumns : public QObject
{
    Q_OBJECT
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("columns.netcase"));
        QVERIFY(CaseFile::create(m_path, CaseInfo{QStringLiteral("columns")}).ok());
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        Database &db = c->db();
        Transaction tx(db);
        QVERIFY(db.exec("INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                        "VALUES (1, 'fw.log', '/dev/null', 'x', 0, 'test', "
                        "'2026-03-03T00:00:00Z')")
                        .ok());
        EventWriter w(db, 1);
        for (int i = 0; i < 5; ++i) {
            Event e;
            e.line = i + 1;
            e.timestampUs = 1700000000000000LL + i * 1000000LL;
            e.sourceIp = "192.0.2." + std::to_string(i + 1);
            e.destinationIp = "198.51.100." + std::to_string(i + 1);
            e.destinationPort = 443;
            e.userName = i == 2 ? "ev\til\u202e" : "alice";
            QVERIFY(w.add(e, "line " + std::to_string(i)).ok());
        }
        QVERIFY(w.finish().ok());
        QVERIFY(tx.commit().ok());
    }

    void chooseAColumn()
    {
        QSettings().remove(QStringLiteral("events/columns")); // a run before may have chosen
        for (int round = 0; round < 2; ++round) {
            test::ShownEvents shown(m_path);
            QVERIFY(shown.ok());
            EventsView &view = *shown.view;
            QTableView *table = view.table();
            const int dst = columnOf(*view.model(), QStringLiteral("destination.ip"));
            QVERIFY(dst >= EventTableModel::ColumnCount);
            // Every optional column comes from the field table (or enrichment).
            QVERIFY(columnOf(*view.model(), QStringLiteral("destination.port")) > 0);
            QVERIFY(columnOf(*view.model(), QStringLiteral("session.id")) > 0);
            QVERIFY(columnOf(*view.model(), QStringLiteral("source.geo.country_iso_code")) > 0);
            if (round == 1) { // the choice of the first round was kept
                QVERIFY(!table->isColumnHidden(dst));
                QCOMPARE(view.model()->index(0, dst).data().toString(),
                         QStringLiteral("198.51.100.1"));
                break;
            }
            QVERIFY(table->isColumnHidden(dst));
            // Right-click on the header: the offscreen platform needs the context menu event.
            QHeaderView *header = table->horizontalHeader();
            const QPoint pos(header->sectionViewportPosition(EventTableModel::Time) + 5, 5);
            QContextMenuEvent event(QContextMenuEvent::Mouse, pos,
                                    header->viewport()->mapToGlobal(pos));
            QApplication::sendEvent(header->viewport(), &event);
            QMenu *menu = nullptr;
            QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
            QAction *a = menu->findChild<QAction *>(QStringLiteral("column:destination.ip"));
            QVERIFY(a && a->isCheckable() && !a->isChecked());
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
            QVERIFY(!table->isColumnHidden(dst));
        }
    }

    void ctrlCCopiesRowsAsTsv()
    {
        test::ShownEvents shown(m_path);
        QVERIFY(shown.ok());
        EventsView &view = *shown.view;
        QTableView *table = view.table();
        const auto at = [&](int row) {
            return table->visualRect(view.model()->index(row, EventTableModel::Time)).center();
        };
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at(1));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ShiftModifier, at(2));
        QApplication::clipboard()->clear();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        const QString text = QApplication::clipboard()->text();
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        const QStringList head = lines[0].split(QLatin1Char('\t'));
        QVERIFY(head.contains(QStringLiteral("Time (UTC)")));
        QVERIFY(head.contains(QStringLiteral("Source IP")));
        const int ipCol = int(head.indexOf(QStringLiteral("Source IP")));
        const int userCol = int(head.indexOf(QStringLiteral("User")));
        for (int i = 1; i < 3; ++i)
            QCOMPARE(lines[i].split(QLatin1Char('\t')).size(), head.size());
        QCOMPARE(lines[1].split(QLatin1Char('\t'))[ipCol], QStringLiteral("192.0.2.2"));
        const QString evil = lines[2].split(QLatin1Char('\t'))[userCol];
        QVERIFY2(evil.startsWith(QStringLiteral("ev")) && !evil.contains(QChar(0x202e))
                         && evil.contains(QStringLiteral("<U+202E>")),
                 qPrintable(evil));
    }
};

QTEST_MAIN(TestEventColumns)
#include "tst_eventcolumns.moc"
