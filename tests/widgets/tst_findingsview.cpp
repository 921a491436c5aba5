// The findings view: opening a finding (double-click, Enter) selects its evidence everywhere;
// the event table then shows exactly the evidence; the model passes the model tester.

#include "common/testutil.h"
#include "common/views2fixture.h"

#include "case/casefile.h"
#include "case/casesession.h"
#include "case/sqlite.h"
#include "events/eventsview.h"
#include "findings/findingsview.h"
#include "items/eventtablemodel.h"
#include "items/findingsmodel.h"
#include "items/selectionhub.h"

#include <QAbstractItemModelTester>
#include <QLocale>
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

    void aCampaignListsItsSources()
    {
        // A campaign finding merges many sources (details.members): the details pane lists
        // them with their counts, the busiest first, and says how many the detection kept.
        const QString path = test::tempPath(QStringLiteral("campaign.netcase"));
        QVERIFY(v2::makeCase(path));
        {
            auto c = CaseFile::open(path);
            QVERIFY(c);
            QVERIFY(c->db().exec(
                    "UPDATE findings SET details = '{\"members_total\": 120, \"members\": ["
                    "{\"ip\": \"203.0.113.9\", \"attempts\": 4210, \"failures\": 4190, "
                    "\"accounts\": 388, \"first\": \"2026-03-01T10:00:00Z\", "
                    "\"last\": \"2026-03-01T11:00:00Z\"}, "
                    "{\"ip\": \"<b>VERIFIED SAFE</b>\", \"attempts\": 12, "
                    "\"first\": \"2026-03-01T10:05:00Z\", \"last\": \"2026-03-01T10:06:00Z\"}"
                    "]}' WHERE id = 2"));
        }
        auto c = CaseFile::open(path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        FindingsView findings(hub);
        findings.resize(1000, 600);
        findings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&findings));
        findings.setSession(&session);
        QTableView *table = findings.table();
        const auto *details = findings.findChild<QTextBrowser *>(QStringLiteral("findingDetails"));
        const auto click = [&](std::int64_t id) {
            const int r = findings.model()->rowOfFinding(id);
            QVERIFY(r >= 0);
            QTest::mouseClick(
                    table->viewport(), Qt::LeftButton, {},
                    table->visualRect(findings.model()->index(r, FindingsModel::Title)).center());
        };
        click(2);
        const QString text = details->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Sources: the 2 busiest of 120")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("203.0.113.9")));
        QVERIFY(text.contains(QLocale().toString(4190)));
        // Case data stays text: the hostile "address" is shown with its tags, not as markup.
        QVERIFY(text.contains(QStringLiteral("<b>VERIFIED SAFE</b>")));
        // A finding without members shows no sources table.
        click(1);
        QVERIFY(!details->toPlainText().contains(QStringLiteral("Sources")));
    }
};

QTEST_MAIN(TestFindingsView)
#include "tst_findingsview.moc"
