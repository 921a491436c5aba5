// Reviewer mode through the main window on the offscreen platform: the case opens for review,
// decisions and events are read-only, the revisions are shown side by side, and a challenge
// with a note is written to the case and its audit log (which stays intact).

#include "common/testutil.h"

#include "annotations/annotationpane.h"
#include "audit/decisionstore.h"
#include "audit/trailcheck.h"
#include "case/casesession.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/dockmanager.h"
#include "mainwindow/mainwindow.h"
#include "review/chainstatuslabel.h"
#include "review/reviewpanel.h"
#include "review/revisiondiffview.h"

#include <QCheckBox>
#include <QDockWidget>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace netcase;

class TestReview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void challengeInReviewMode()
    {
        const QString path = test::tempPath(QStringLiteral("review.netcase"));
        {
            CaseInfo info;
            info.title = QStringLiteral("review");
            info.authorization = QStringLiteral("TICKET-7");
            auto c = CaseFile::create(path, info);
            QVERIFY(c.ok());
            Decision d;
            d.subject = {QStringLiteral("ip"), QStringLiteral("203.0.113.7")};
            d.verdict = QStringLiteral("block");
            d.reasoning = QStringLiteral("brute force");
            d.analyst = QStringLiteral("alice");
            auto first = DecisionStore::record(c->db(), d);
            QVERIFY(first.ok());
            d.verdict = QStringLiteral("throttle");
            d.reasoning = QStringLiteral("shared NAT: block too broad");
            QVERIFY(DecisionStore::record(c->db(), d, first->id).ok());
        }

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(path, true, true), QString());
        CaseSession *s = w.controller().session();
        QVERIFY(s->reviewMode());
        QVERIFY(s->readOnly());
        QVERIFY(w.windowTitle().contains(QStringLiteral("TICKET-7")));

        auto *pane = qobject_cast<AnnotationPane *>(w.docks().view(QStringLiteral("annotations")));
        QVERIFY(pane);
        QDockWidget *dock = w.docks().dock(QStringLiteral("annotations"));
        QVERIFY(dock);
        dock->show();
        dock->raise();
        QTRY_VERIFY(pane->isVisible());
        // Decisions are read-only in review mode; the trail tab is shown.
        QVERIFY(!pane->findChild<QPushButton *>(QStringLiteral("recordDecision"))->isEnabled());
        QCOMPARE(pane->findChild<QTabWidget *>(QStringLiteral("annotationTabs"))->currentWidget(),
                 pane->reviewPanel());

        ReviewPanel *panel = pane->reviewPanel();
        QCOMPARE(panel->decisionList()->count(), 1); // one decision, latest revision
        RevisionDiffView *diff = panel->diffView();
        QCOMPARE(diff->columnCount(), 2);
        QVERIFY(diff->changed(RevisionDiffView::Verdict, 1));
        QVERIFY(diff->changed(RevisionDiffView::Reasoning, 1));
        QVERIFY(!diff->changed(RevisionDiffView::Analyst, 1));

        auto *challenge = panel->findChild<QRadioButton *>(QStringLiteral("reviewChallenge"));
        auto *note = panel->findChild<QPlainTextEdit *>(QStringLiteral("reviewNote"));
        auto *record = panel->findChild<QPushButton *>(QStringLiteral("recordReview"));
        QTest::mouseClick(challenge, Qt::LeftButton, {}, QPoint(4, challenge->height() / 2));
        QVERIFY(challenge->isChecked());
        QVERIFY(!record->isEnabled()); // a challenge needs a note
        note->setFocus();
        QTest::keyClicks(note, QStringLiteral("throttling leaves the account exposed"));
        QVERIFY(record->isEnabled());
        // The test decided and reviews from one OS account: a self-review, said so.
        auto *self = panel->findChild<QCheckBox *>(QStringLiteral("selfReview"));
        QVERIFY(self);
        QTest::mouseClick(self, Qt::LeftButton, {}, QPoint(4, self->height() / 2));
        QVERIFY(self->isChecked());
        QTest::mouseClick(record, Qt::LeftButton, {}, record->rect().center());

        QCOMPARE(s->db().scalar("SELECT count(*) FROM reviews"), 1);
        const auto reviews = DecisionStore::reviews(s->db());
        QCOMPARE(reviews.front().decisionId, 2); // the latest revision
        QCOMPARE(reviews.front().verdict, QStringLiteral("challenge"));
        QCOMPARE(reviews.front().note, QStringLiteral("throttling leaves the account exposed"));
        QCOMPARE(s->db().scalar("SELECT count(*) FROM decisions"), 2); // nothing else written
        QVERIFY(TrailCheck::run(s->db()).intact());
        auto *chain = w.findChild<ChainStatusLabel *>(QStringLiteral("statusChain"));
        QVERIFY(chain && chain->intact());
        QVERIFY(chain->text().contains(QStringLiteral("intact")));
        if (const QString dir = qEnvironmentVariable("NETCASE_PNG_DIR"); !dir.isEmpty()) {
            QVERIFY(pane->grab().save(dir + QStringLiteral("/review-pane.png")));
            QVERIFY(w.grab().save(dir + QStringLiteral("/review-window.png")));
        }
        w.close();
    }
};

QTEST_MAIN(TestReview)
#include "tst_review.moc"
