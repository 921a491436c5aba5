// Findings triage driven with real input on the offscreen platform: the filters (kind,
// severity, text, decision state) narrow the findings table; two findings selected with a click
// and a Ctrl+click get one decision typed once in the dialog, and each finding gets its own
// audited decision (the annotation pane's path); the decision column shows it and "Hide
// decided" hides them; review mode cannot decide.

#include "common/testutil.h"
#include "common/views2fixture.h"

#include "audit/auditlog.h"
#include "audit/decisionstore.h"
#include "case/casesession.h"
#include "findings/bulkdecision.h"
#include "findings/findingsview.h"
#include "findings/triagebar.h"
#include "items/findingsmodel.h"
#include "items/selectionhub.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace netcase;
namespace v2 = netcase::test::views2;

class TestFindingsTriage : public QObject
{
    Q_OBJECT
    QString m_path;

    static void clickRow(QTableView *table, int row, Qt::KeyboardModifiers mods = {})
    {
        const QRect cell = table->visualRect(table->model()->index(row, FindingsModel::Title));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, mods, cell.center());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("triage.netcase"));
        QVERIFY(v2::makeCase(m_path));
    }

    void filters()
    {
        auto c = CaseFile::open(m_path, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c);
        CaseSession session(std::move(*c), true);
        SelectionHub hub;
        FindingsView view(hub);
        view.resize(1100, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(&session);
        FindingsModel *model = view.model();
        QCOMPARE(model->rowCount(), 2);
        TriageBar *bar = view.triage();

        // Text: a value no finding has, then one that only some have.
        QTest::keyClicks(bar->textEdit(), QStringLiteral("no-such-thing"));
        QCOMPARE(model->rowCount(), 0);
        QVERIFY2(view.caption().startsWith(QStringLiteral("0 of 2 findings match")),
                 qPrintable(view.caption()));
        bar->textEdit()->clear();
        QCOMPARE(model->rowCount(), 2);
        const StoredFinding first = *model->findingAt(0);
        const StoredFinding second = *model->findingAt(1);
        QTest::keyClicks(bar->textEdit(), first.title.left(12));
        QVERIFY(model->rowCount() >= 1);
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(model->findingAt(r)->title.contains(first.title.left(12), Qt::CaseInsensitive));
        bar->textEdit()->clear();

        // Kind: the combo lists the case's kinds; picking one keeps only that kind.
        QCOMPARE(bar->kindBox()->count(), 1 + int(model->kinds().size()));
        bar->kindBox()->setFocus();
        const int kindIndex = bar->kindBox()->findData(second.kind);
        QVERIFY(kindIndex > 0);
        for (int i = 0; i < kindIndex; ++i)
            QTest::keyClick(bar->kindBox(), Qt::Key_Down);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->findingAt(r)->kind, second.kind);
        QVERIFY(model->rowCount() >= 1);
        bar->kindBox()->setCurrentIndex(0);

        // Severity band.
        const QString band = FindingsModel::severityBand(first.severity);
        bar->severityBox()->setCurrentIndex(bar->severityBox()->findData(band));
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(FindingsModel::severityBand(model->findingAt(r)->severity), band);
        bar->severityBox()->setCurrentIndex(0);

        // Review mode: the findings can be selected but not decided.
        clickRow(view.table(), 0);
        QVERIFY(!bar->decideButton()->isEnabled());
        QVERIFY(bar->decideButton()->toolTip().contains(QStringLiteral("Review mode")));
    }

    void oneDecisionForManyFindings()
    {
        qputenv("XDG_CONFIG_HOME", test::tempPath(QStringLiteral("config")).toUtf8());
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        FindingsView view(hub);
        view.resize(1100, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(&session);
        FindingsModel *model = view.model();
        QCOMPARE(model->rowCount(), 2);
        TriageBar *bar = view.triage();
        QCOMPARE(model->index(0, FindingsModel::Verdict).data().toString(),
                 QStringLiteral("undecided"));

        clickRow(view.table(), 0);
        clickRow(view.table(), 1, Qt::ControlModifier);
        QCOMPARE(view.selectedFindings().size(), size_t(2));
        QVERIFY(hub.selection().isEmpty()); // selecting rows does not open them
        QVERIFY(bar->decideButton()->isEnabled());
        QCOMPARE(bar->decideButton()->text(), QStringLiteral("Decide on 2 findings…"));
        const std::int64_t auditBefore = AuditLog::records(session.db()).size();

        QTest::mouseClick(bar->decideButton(), Qt::LeftButton);
        BulkDecisionDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = view.findChild<BulkDecisionDialog *>()));
        QTRY_VERIFY(dialog->isVisible());
        QPushButton *ok = dialog->findChild<QPushButton *>();
        const auto okButton = [&] {
            for (QPushButton *b : dialog->findChildren<QPushButton *>())
                if (b->text().startsWith(QStringLiteral("Record")))
                    return b;
            return static_cast<QPushButton *>(nullptr);
        };
        ok = okButton();
        QVERIFY(ok);
        QCOMPARE(ok->text(), QStringLiteral("Record 2 decision(s)"));
        QVERIFY(!ok->isEnabled()); // no reasoning yet
        dialog->verdictBox()->setFocus();
        const int benign = dialog->verdictBox()->findData(QStringLiteral("benign"));
        while (dialog->verdictBox()->currentIndex() < benign)
            QTest::keyClick(dialog->verdictBox(), Qt::Key_Down);
        QCOMPARE(dialog->verdict(), QStringLiteral("benign"));
        QTest::keyClicks(dialog->reasoningEdit(), QStringLiteral("our own scanner"));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);

        // One decision per finding, each its own signed, audited record.
        const auto latest = DecisionStore::latest(session.db());
        QCOMPARE(latest.size(), size_t(2));
        QStringList subjects;
        for (const Decision &d : latest) {
            subjects << d.subject.toString();
            QCOMPARE(d.verdict, QStringLiteral("benign"));
            QCOMPARE(d.reasoning, QStringLiteral("our own scanner"));
            QVERIFY(!d.factors.empty()); // pre-filled from the finding's signals
        }
        subjects.sort();
        QCOMPARE(subjects, (QStringList{QStringLiteral("finding:1"), QStringLiteral("finding:2")}));
        int recorded = 0;
        const auto records = AuditLog::records(session.db());
        for (size_t i = size_t(auditBefore); i < records.size(); ++i)
            recorded += records[i].action == QLatin1String("decision.record");
        QCOMPARE(recorded, 2);

        // The decision column shows the verdict; hide decided leaves none.
        QTRY_COMPARE(model->index(0, FindingsModel::Verdict).data().toString(),
                     QStringLiteral("Benign"));
        QTest::mouseClick(bar->hideDecided(), Qt::LeftButton);
        QCOMPARE(model->rowCount(), 0);
        QTest::mouseClick(bar->hideDecided(), Qt::LeftButton);
        QCOMPARE(model->rowCount(), 2);
        bar->stateBox()->setCurrentIndex(bar->stateBox()->findData(QStringLiteral("undecided")));
        QCOMPARE(model->rowCount(), 0);
        bar->stateBox()->setCurrentIndex(bar->stateBox()->findData(QStringLiteral("benign")));
        QCOMPARE(model->rowCount(), 2);
    }
};

QTEST_MAIN(TestFindingsTriage)
#include "tst_findingstriage.moc"
