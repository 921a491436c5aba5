// The findings view: opening a finding (double-click, Enter) selects its evidence everywhere;
// the event table then shows exactly the evidence; the model passes the model tester.

#include "common/testutil.h"
#include "common/views2fixture.h"

#include "case/casesession.h"
#include "events/eventsview.h"
#include "findings/findingsview.h"
#include "items/eventtablemodel.h"
#include "items/findingsmodel.h"
#include "items/selectionhub.h"

#include <QAbstractItemModelTester>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace netcase;
namespace v2 = netcase::test::views2;

class TestFindingsView : public QObject
{
    Q_OBJECT
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("findings.netcase"));
        QVERIFY(v2::makeCase(m_path));
    }

    void modelPassesTheTester()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        FindingsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(&session);
        QCOMPARE(model.rowCount(), 2);
        model.sort(FindingsModel::Kind, Qt::AscendingOrder);
        model.setShowAll(true);
        session.notifyChanged();
        QCOMPARE(model.rowCount(), 2);
    }

    void openingAFindingSelectsItsEvidenceEverywhere()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        FindingsView findings(hub);
        EventsView events(hub);
        findings.resize(1000, 500);
        findings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&findings));
        findings.setSession(&session);
        events.setSession(&session);
        QTRY_COMPARE(events.model()->rowCount(), test::views::kEvents + v2::kCarolEvents);
        QVERIFY2(findings.caption().startsWith(QStringLiteral("2 finding")),
                 qPrintable(findings.caption()));

        QTableView *table = findings.table();
        const int row = findings.model()->rowOfFinding(1);
        QVERIFY(row >= 0);
        const QRect cell = table->visualRect(findings.model()->index(row, FindingsModel::Title));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(hub.selection().isEmpty()); // a single click only reads the details
        QVERIFY(findings.findChild<QTextBrowser *>(QStringLiteral("findingDetails"))
                        ->toPlainText()
                        .contains(QStringLiteral("The address may be shared.")));
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(hub.selection().findingId, std::int64_t(1));
        QCOMPARE(int(hub.selection().eventIds.size()), v2::kFinding1Evidence);
        QCOMPARE(hub.selection().accounts, QStringList{QStringLiteral("alice")});
        // The event table follows the hub: exactly the evidence.
        QTRY_COMPARE(events.model()->rowCount(), v2::kFinding1Evidence);
        QCOMPARE(events.model()->eventIdAt(0), std::int64_t(1));

        // Keyboard: move to the other finding and press Enter.
        table->setFocus();
        const int other = findings.model()->rowOfFinding(2);
        table->setCurrentIndex(findings.model()->index(other, FindingsModel::Title));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(hub.selection().findingId, std::int64_t(2));
        QVERIFY(hub.selection().ips.contains(QString::fromLatin1(test::views::kNewYork)));

        // Back in history re-selects the first finding's row.
        hub.back();
        QCOMPARE(table->currentIndex().row(), row);
    }
};

QTEST_MAIN(TestFindingsView)
#include "tst_findingsview.moc"
