// Citing noted events in a decision, with real input on the offscreen platform: an event is
// starred from the event table's context menu, the annotation pane's "Cite noted events…" lists
// it (with the tagged events and the analyst's timeline entry), a click and Space check it, and
// "Cite" adds the factor "starred events" with it as evidence, the same factor `netcase decide
// --cite-starred` records (audit/notecitation.h). The recorded decision carries it into the
// audit log and the report JSON (whose notes list the event's raw line); checked events can also
// join the selected factor's evidence (one undo step); in review mode the button is disabled
// and the trail shows the cited events.

#include "common/eventtableinput.h"
#include "common/shownevents.h"
#include "common/testutil.h"

#include "annotations/annotationpane.h"
#include "annotations/citenotesdialog.h"
#include "annotations/decisioneditor.h"
#include "audit/auditlog.h"
#include "audit/decisionstore.h"
#include "audit/notecitation.h"
#include "case/casesession.h"
#include "case/notestore.h"
#include "events/eventsview.h"
#include "ingest/importjob.h"
#include "items/selectionhub.h"
#include "report/report.h"
#include "review/reviewpanel.h"
#include "review/revisiondiffview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <nlohmann/json.hpp>

using namespace netcase;
using netcase::test::cellCenter;
using netcase::test::loaded;
using netcase::test::rightClick;

namespace {

void click(QWidget *w)
{
    QTest::mouseClick(w, Qt::LeftButton, {}, w->rect().center());
}

/// Clicks "Cite noted events…" and waits for its dialog.
CiteNotesDialog *openCite(AnnotationPane &pane)
{
    click(pane.findChild<QPushButton *>(QStringLiteral("citeNotes")));
    CiteNotesDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = pane.findChild<CiteNotesDialog *>();
        return dialog && dialog->isVisible();
    });
    return shown ? dialog : nullptr;
}

/// Checks an item of the dialog's tree with a click on it and Space.
void check(QTreeWidget *tree, QTreeWidgetItem *item)
{
    tree->scrollToItem(item);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(item).center());
    QTest::keyClick(tree, Qt::Key_Space);
}

QTreeWidgetItem *itemOfEvent(QTreeWidgetItem *group, std::int64_t id)
{
    for (int i = 0; i < group->childCount(); ++i)
        if (group->child(i)->text(0).startsWith(QStringLiteral("#%1 ").arg(id)))
            return group->child(i);
    return nullptr;
}

} // namespace

class TestCiteNotes : public QObject
{
    Q_OBJECT
    QString m_path;
    std::int64_t m_starred = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_path = test::tempPath(QStringLiteral("cite.netcase"));
        QVERIFY(CaseFile::create(m_path, CaseInfo{QStringLiteral("cite")}).ok());
        auto c = CaseFile::open(m_path);
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        const QString log = test::makeAccessLog(QStringLiteral("c.log"), 200, 20);
        QVERIFY(ImportJob({log}, ImportOptions{}).run(*c, {}, cancel).ok());
        // A tag and a timeline entry so the dialog has more than the star to offer.
        QVERIFY(NoteStore::addToEvents(c->db(), {7, 9}, Note::Kind::Tag, QStringLiteral("phishing"),
                                       {}, QStringLiteral("t"))
                        .ok());
        QVERIFY(NoteStore::addEntry(c->db(), 1705745100000000, QStringLiteral("phone stolen"),
                                    QStringLiteral("t"))
                        .ok());
    }

    void citeStarredEventAndRecord()
    {
        test::ShownEvents shown(m_path);
        QVERIFY(shown.ok());
        EventsView &view = *shown.view;
        CaseSession &session = *shown.session;
        SelectionHub &hub = shown.hub;

        // Star row 4 from the table's context menu.
        QTableView *table = view.table();
        const QPoint cell = cellCenter(table, 4, EventTableModel::Time);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell);
        m_starred = view.model()->eventIdAt(4);
        rightClick(table, cell);
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
        QAction *star = menu->findChild<QAction *>(QStringLiteral("starEvents"));
        QVERIFY(star && star->isEnabled());
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(star).center());
        QCOMPARE(NoteStore::eventsWith(session.db(), Note::Kind::Star),
                 (std::vector<std::int64_t>{m_starred}));
        const QString ip = QString::fromStdString(view.model()->rowAt(4)->event.sourceIp);

        AnnotationPane pane(hub);
        pane.resize(560, 900);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.setSession(&session);
        pane.activateWindow(); // its undo shortcuts need the active window
        QVERIFY(QTest::qWaitForWindowActive(&pane));
        hub.selectIp(ip);
        QCOMPARE(pane.editor()->subject().toString(), QStringLiteral("ip:") + ip);
        auto *factors = pane.findChild<QTreeWidget *>(QStringLiteral("factors"));
        const int before = factors->topLevelItemCount();

        CiteNotesDialog *dialog = openCite(pane);
        QVERIFY(dialog);
        QTreeWidget *tree = dialog->tree();
        QCOMPARE(tree->topLevelItemCount(), 3); // starred, tag phishing, timeline entries
        QVERIFY(tree->topLevelItem(0)->text(0).contains(QStringLiteral("Starred")));
        QVERIFY(tree->topLevelItem(1)->text(0).contains(QStringLiteral("phishing")));
        QCOMPARE(tree->topLevelItem(1)->childCount(), 2);
        QVERIFY(tree->topLevelItem(2)->child(0)->text(0).contains(QStringLiteral("phone stolen")));
        QTreeWidgetItem *starredItem = itemOfEvent(tree->topLevelItem(0), m_starred);
        QVERIFY(starredItem);
        QVERIFY(starredItem->text(0).contains(QStringLiteral("c.log:"))); // source:line, raw
        QPushButton *cite = dialog->findChild<QPushButton *>(QStringLiteral("cite"));
        QVERIFY(!cite->isEnabled()); // nothing checked yet
        check(tree, starredItem);
        QCOMPARE(starredItem->checkState(0), Qt::Checked);
        QVERIFY(cite->isEnabled());
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(dialog->grab().save(shots + QStringLiteral("/cite-noted-events.png")));
        QVERIFY(!dialog->addToSelectedBox()->isVisible()); // no factor selected
        click(cite);
        QTRY_VERIFY(!pane.findChild<CiteNotesDialog *>());
        pane.activateWindow(); // the offscreen platform gives it back no focus by itself
        QVERIFY(QTest::qWaitForWindowActive(&pane));

        QCOMPARE(factors->topLevelItemCount(), before + 1);
        const Factor cited = pane.editor()->factors().back();
        auto cliFactor = citation::citeAll(session.db(), Note::Kind::Star);
        QVERIFY(cliFactor.ok());
        QCOMPARE(cited, *cliFactor); // the factor `netcase decide --cite-starred` records
        QCOMPARE(cited.text, QStringLiteral("starred events"));
        QCOMPARE(cited.evidence, (std::vector<std::int64_t>{m_starred}));
        // One undo step takes it back, redo brings it again.
        const auto clickFactor = [&](int row) {
            QTest::mouseClick(factors->viewport(), Qt::LeftButton, {},
                              factors->visualItemRect(factors->topLevelItem(row)).center());
        };
        clickFactor(before);
        QCOMPARE(hub.selection().eventIds, (std::vector<std::int64_t>{m_starred}));
        QTest::keyClick(factors, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(factors->topLevelItemCount(), before);
        QTest::keyClick(factors, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(factors->topLevelItemCount(), before + 1);

        // Select the cited factor; the tagged event 9 joins its evidence instead of a new one.
        clickFactor(before);
        dialog = openCite(pane);
        QVERIFY(dialog);
        QVERIFY(dialog->addToSelectedBox()->isVisible());
        check(dialog->tree(), itemOfEvent(dialog->tree()->topLevelItem(1), 9));
        click(dialog->addToSelectedBox());
        QVERIFY(dialog->addToSelected());
        click(dialog->findChild<QPushButton *>(QStringLiteral("cite")));
        QTRY_VERIFY(!pane.findChild<CiteNotesDialog *>());
        pane.activateWindow(); // the offscreen platform gives it back no focus by itself
        QVERIFY(QTest::qWaitForWindowActive(&pane));
        QCOMPARE(factors->topLevelItemCount(), before + 1);
        std::vector<std::int64_t> both{m_starred, 9};
        std::sort(both.begin(), both.end());
        QCOMPARE(pane.editor()->factors().back().evidence, both);
        clickFactor(before);
        QTest::keyClick(factors, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(pane.editor()->factors().back().evidence, (std::vector<std::int64_t>{m_starred}));

        // Verdict, reasoning, record.
        auto *verdict = pane.findChild<QComboBox *>(QStringLiteral("verdict"));
        verdict->setFocus();
        QTest::keyClick(verdict, Qt::Key_Down); // Escalate
        auto *reasoning = pane.findChild<QPlainTextEdit *>(QStringLiteral("reasoning"));
        reasoning->setFocus();
        QTest::keyClicks(reasoning, QStringLiteral("The starred request"));
        click(pane.findChild<QPushButton *>(QStringLiteral("recordDecision")));
        const std::vector<Decision> recorded = DecisionStore::all(session.db());
        QCOMPARE(recorded.size(), size_t(1));
        QCOMPARE(recorded.front().factors.back(), *cliFactor);

        // The audit record of the decision names the cited event.
        bool audited = false;
        for (const AuditRecord &r : AuditLog::records(session.db()))
            if (r.action == QLatin1String("decision.record")) {
                const auto j = nlohmann::json::parse(r.payload);
                const auto &f = j["decision"]["factors"].back();
                audited = f["text"] == "starred events"
                          && f["evidence"] == nlohmann::json::array({m_starred});
            }
        QVERIFY(audited);

        // The report JSON: the decision's factor cites the event; the notes give its raw line.
        const QString out = test::tempPath(QStringLiteral("cite-report.json"));
        std::atomic<bool> cancel{false};
        QVERIFY(writeReport(session.caseFile(), out, ReportOptions{}, {}, cancel).ok());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonArray revisions = doc[QStringLiteral("decisions")]
                                             .toArray()
                                             .first()
                                             .toObject()[QStringLiteral("revisions")]
                                             .toArray();
        const QJsonObject factor = revisions.first()
                                           .toObject()[QStringLiteral("factors")]
                                           .toArray()
                                           .last()
                                           .toObject();
        QCOMPARE(factor[QStringLiteral("text")].toString(), QStringLiteral("starred events"));
        QCOMPARE(factor[QStringLiteral("evidence")].toArray(), (QJsonArray{qint64(m_starred)}));
        bool rawLine = false;
        for (const QJsonValue &v : doc[QStringLiteral("notes")].toArray()) {
            const QJsonObject e = v.toObject()[QStringLiteral("event")].toObject();
            if (e[QStringLiteral("event_id")].toInteger() == m_starred)
                rawLine = e[QStringLiteral("raw")].toString().contains(ip);
        }
        QVERIFY(rawLine);
    }

    void reviewModeIsReadOnly()
    {
        auto c = CaseFile::open(m_path, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c.ok());
        CaseSession session(std::move(*c), true);
        SelectionHub hub;
        AnnotationPane pane(hub);
        pane.resize(560, 900);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.setSession(&session);
        const std::vector<Decision> decisions = DecisionStore::all(session.db());
        QVERIFY(!decisions.empty());
        const Decision &d = decisions.front();
        hub.selectIp(d.subject.value);
        QVERIFY(!pane.findChild<QPushButton *>(QStringLiteral("citeNotes"))->isEnabled());
        // The trail shows the factor with the events it cites.
        QListWidget *list = pane.reviewPanel()->decisionList();
        QVERIFY(list->count() > 0);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(list->item(0)).center());
        RevisionDiffView *diff = pane.reviewPanel()->diffView();
        QTRY_VERIFY(diff->item(RevisionDiffView::Factors, 0));
        const QString shown = diff->item(RevisionDiffView::Factors, 0)->text();
        QVERIFY2(shown.contains(QStringLiteral("starred events (event %1)").arg(m_starred)),
                 qPrintable(shown));
    }
};

QTEST_MAIN(TestCiteNotes)
#include "tst_citenotes.moc"
