// The annotation pane through real clicks and keys on the offscreen platform: factors come from
// the subject's findings, every edit is undoable, nothing is written until "Record decision",
// a factor's click selects its evidence, and a revision keeps the earlier decision.

#include "common/audittest.h"
#include "common/testutil.h"

#include "annotations/annotationpane.h"
#include "annotations/decisioneditor.h"
#include "audit/decisionstore.h"
#include "case/casesession.h"
#include "items/selectionhub.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace netcase;

namespace {

template<typename T>
T *child(QWidget &w, const char *name)
{
    T *c = w.findChild<T *>(QLatin1String(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

void click(QWidget *w)
{
    QTest::mouseClick(w, Qt::LeftButton, {}, w->rect().center());
}

} // namespace

class TestAnnotations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void draftUndoRecordAndRevise()
    {
        const QString path = test::tempPath(QStringLiteral("pane.netcase"));
        {
            CaseInfo info;
            info.title = QStringLiteral("pane");
            auto c = CaseFile::create(path, info);
            QVERIFY(c.ok());
            test::addEnrichment(c->db(), QStringLiteral("203.0.113.7"), 64500,
                                QStringLiteral("Example Hosting"));
            test::addFinding(c->db(), QStringLiteral("203.0.113.7"), QStringLiteral("alice"),
                             {11, 12, 13});
        }
        auto opened = CaseFile::open(path);
        QVERIFY(opened.ok());
        CaseSession session(std::move(opened.value()), false);
        SelectionHub hub;
        AnnotationPane pane(hub);
        pane.resize(520, 900);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.setSession(&session);
        hub.selectIp(QStringLiteral("203.0.113.7"));

        auto *factors = child<QTreeWidget>(pane, "factors");
        auto *verdict = child<QComboBox>(pane, "verdict");
        auto *reasoning = child<QPlainTextEdit>(pane, "reasoning");
        auto *newFactor = child<QLineEdit>(pane, "newFactor");
        auto *record = child<QPushButton>(pane, "recordDecision");
        QCOMPARE(pane.editor()->subject().toString(), QStringLiteral("ip:203.0.113.7"));
        QCOMPARE(factors->topLevelItemCount(), 2);           // the finding's two signals
        QVERIFY(factors->topLevelItem(0)->childCount() > 0); // enrichment with its source
        QVERIFY(!record->isEnabled());

        verdict->setFocus();
        QTest::keyClick(verdict, Qt::Key_Down); // Escalate
        QCOMPARE(verdict->currentData().toString(), QStringLiteral("escalate"));
        reasoning->setFocus();
        QTest::keyClicks(reasoning, QStringLiteral("Hosting ASN and 42 failures"));
        QTest::keyClicks(newFactor, QStringLiteral("curl user agent"));
        click(child<QPushButton>(pane, "addFactor"));
        QCOMPARE(factors->topLevelItemCount(), 3);
        QVERIFY(record->isEnabled());

        // Ctrl+Z in the text field goes to the draft's history: the added factor first ...
        reasoning->setFocus();
        QTest::keyClick(reasoning, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(factors->topLevelItemCount(), 2);
        // ... then the typing (merged into one step), then the verdict.
        QTest::keyClick(reasoning, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(reasoning->toPlainText(), QString());
        QTest::keyClick(reasoning, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(verdict->currentData().toString(), QString());
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(reasoning, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(verdict->currentData().toString(), QStringLiteral("escalate"));
        QCOMPARE(reasoning->toPlainText(), QStringLiteral("Hosting ASN and 42 failures"));
        QCOMPARE(factors->topLevelItemCount(), 3);

        // Remove the second signal by clicking it and "Remove"; undo brings it back.
        const QRect second = factors->visualItemRect(factors->topLevelItem(1));
        QTest::mouseClick(factors->viewport(), Qt::LeftButton, {}, second.center());
        click(child<QPushButton>(pane, "removeFactor"));
        QCOMPARE(factors->topLevelItemCount(), 2);
        QTest::keyClick(factors, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(factors->topLevelItemCount(), 3);
        QTest::keyClick(factors, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(factors->topLevelItemCount(), 2);

        // Clicking a factor selects its evidence in the hub; the draft keeps its subject.
        const QRect first = factors->visualItemRect(factors->topLevelItem(0));
        QTest::mouseClick(factors->viewport(), Qt::LeftButton, {}, first.center());
        QCOMPARE(hub.selection().eventIds, (std::vector<std::int64_t>{11, 12, 13}));
        QCOMPARE(pane.editor()->subject().toString(), QStringLiteral("ip:203.0.113.7"));

        // Nothing is written before "Record decision".
        QCOMPARE(session.db().scalar("SELECT count(*) FROM decisions"), 0);
        click(record);
        QCOMPARE(session.db().scalar("SELECT count(*) FROM decisions"), 1);
        const Decision d = *DecisionStore::byId(session.db(), 1);
        QCOMPARE(d.verdict, QStringLiteral("escalate"));
        QCOMPARE(d.reasoning, QStringLiteral("Hosting ASN and 42 failures"));
        QCOMPARE(d.factors.size(), size_t(2));
        QCOMPARE(d.factors[0].evidence, (std::vector<std::int64_t>{11, 12, 13}));
        QCOMPARE(d.factors[1].text, QStringLiteral("curl user agent"));
        QVERIFY(!d.factors[0].enrichment.empty());

        // The earlier decision is listed; revise it through the list.
        auto *history = child<QListWidget>(pane, "subjectHistory");
        QCOMPARE(history->count(), 1);
        QTest::mouseClick(history->viewport(), Qt::LeftButton, {},
                          history->visualItemRect(history->item(0)).center());
        click(child<QPushButton>(pane, "reviseDecision"));
        QCOMPARE(reasoning->toPlainText(), QStringLiteral("Hosting ASN and 42 failures"));
        verdict->setFocus();
        QTest::keyClick(verdict, Qt::Key_End); // Benign
        QCOMPARE(verdict->currentData().toString(), QStringLiteral("benign"));
        click(record);
        QCOMPARE(session.db().scalar("SELECT count(*) FROM decisions"), 2);
        const auto revs = DecisionStore::revisions(session.db(), d.key);
        QCOMPARE(revs.size(), size_t(2));
        QCOMPARE(revs[0].verdict, QStringLiteral("escalate"));
        QCOMPARE(revs[1].verdict, QStringLiteral("benign"));
        QCOMPARE(history->count(), 2);

        // To look at the pane: NETCASE_PNG_DIR=/tmp ctest -R widgets/tst_annotations
        if (const QString dir = qEnvironmentVariable("NETCASE_PNG_DIR"); !dir.isEmpty()) {
            hub.selectIp(QStringLiteral("203.0.113.7"));
            QTest::keyClick(verdict, Qt::Key_Down);
            QTest::keyClicks(reasoning, QStringLiteral("Hosting ASN, 42 failed logins, curl"));
            QVERIFY(pane.grab().save(dir + QStringLiteral("/annotation-pane.png")));
        }
    }
};

QTEST_MAIN(TestAnnotations)
#include "tst_annotations.moc"
