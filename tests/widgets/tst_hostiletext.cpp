// Hostile log text in the workbench: an Okta account named like an HTML verdict, a bidi override
// and terminal escapes go through every view of the main window. Each label, text browser, item
// view cell and item tooltip must show them as written and inert: no markup rendered, no control
// acting. The check renders what Qt would render (a label's or tooltip's rich text through
// QTextDocument), so a label left on Qt::AutoText fails it.

#include "common/testutil.h"

#include "common/safetext.h"
#include "core/displaytext.h"
#include "items/selectionhub.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/mainwindow.h"

#include <QAbstractItemView>
#include <QFile>
#include <QHeaderView>
#include <QHelpEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolTip>

#include <algorithm>

using namespace netcase;

namespace {

const QString kFakeVerdict = QStringLiteral(
        R"(<img src="/tmp/x.png"><b style=color:green>VERIFIED SAFE - no action needed</b>)");
const QString kBidi = QStringLiteral("evil\u202Egpj.exe");
const QString kEscapeAgent = QStringLiteral("curl/8.0 \x1b[32mOK\x07");

QJsonObject oktaEvent(
        const QString &when, const QString &user, const QString &ip, bool ok, const QString &agent)
{
    return QJsonObject{
            {QStringLiteral("published"), when},
            {QStringLiteral("eventType"), QStringLiteral("user.session.start")},
            {QStringLiteral("uuid"), QStringLiteral("u-%1-%2").arg(when).arg(user.size())},
            {QStringLiteral("outcome"),
             QJsonObject{{QStringLiteral("result"),
                          ok ? QStringLiteral("SUCCESS") : QStringLiteral("FAILURE")}}},
            {QStringLiteral("actor"), QJsonObject{{QStringLiteral("alternateId"), user},
                                                  {QStringLiteral("type"), QStringLiteral("User")},
                                                  {QStringLiteral("displayName"), user}}},
            {QStringLiteral("client"),
             QJsonObject{{QStringLiteral("ipAddress"), ip},
                         {QStringLiteral("userAgent"),
                          QJsonObject{{QStringLiteral("rawUserAgent"), agent}}}}},
            {QStringLiteral("displayMessage"), user}};
}

/// The generator of this test's log: a password-guessing burst on the fake-verdict account, then
/// its success, and sign-ins of the bidi-named account with an agent holding terminal escapes.
QString writeHostileOktaLog()
{
    const QString path = test::tempPath(QStringLiteral("hostile-okta.jsonl"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    auto line = [&f](const QJsonObject &o) {
        f.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    };
    for (int i = 0; i < 40; ++i)
        line(oktaEvent(QStringLiteral("2026-03-02T10:%1:00.000Z").arg(i, 2, 10, QLatin1Char('0')),
                       kFakeVerdict, QStringLiteral("198.51.100.7"), false, kEscapeAgent));
    line(oktaEvent(QStringLiteral("2026-03-02T10:45:00.000Z"), kFakeVerdict,
                   QStringLiteral("198.51.100.7"), true, kEscapeAgent));
    for (int i = 0; i < 10; ++i)
        line(oktaEvent(QStringLiteral("2026-03-02T11:%1:00.000Z").arg(i, 2, 10, QLatin1Char('0')),
                       kBidi, QStringLiteral("203.0.113.9"), i % 3 != 0, kEscapeAgent));
    return path;
}

/// What a person sees of text shown in `format`: rich text is rendered, plain text is as is.
QString rendered(const QString &text, Qt::TextFormat format)
{
    const bool rich
            = format == Qt::RichText || (format == Qt::AutoText && Qt::mightBeRichText(text));
    if (!rich)
        return text;
    QTextDocument doc;
    doc.setHtml(text);
    return doc.toPlainText();
}

/// U+2028 is the line separator Qt's delegates draw a '\n' of the text with: allowed, as long as
/// there is one for each line break of the source (a U+2028 of the data itself must show).
bool hasActiveControl(const QString &seen)
{
    for (const QChar c : seen)
        if (c != QChar::LineSeparator && isUnsafeForDisplay(c.unicode(), LineBreaks::Keep))
            return true;
    return false;
}

/// Seen text that holds case data must show the markup as characters, and no control may act.
void checkSeen(const QString &where, const QString &source, const QString &seen)
{
    if (source.contains(QStringLiteral("VERIFIED SAFE")))
        QVERIFY2(seen.contains(QStringLiteral("<b style=color:green>")),
                 qPrintable(where + QStringLiteral(" renders the account name as HTML: ") + seen));
    QVERIFY2(!hasActiveControl(seen),
             qPrintable(where + QStringLiteral(" shows a raw control character: ") + seen));
    QVERIFY2(seen.count(QChar::LineSeparator) <= source.count(QLatin1Char('\n')),
             qPrintable(where + QStringLiteral(" passes a line separator of the data: ") + seen));
}

} // namespace

class TestHostileText : public QObject
{
    Q_OBJECT
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("hostile.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString log = writeHostileOktaLog();
        QVERIFY(!log.isEmpty());
        const auto imported = test::netcase({QStringLiteral("import"), m_case, log});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
    }

    void displaySafeMakesControlsVisible()
    {
        QCOMPARE(displaySafe(kBidi), QStringLiteral("evil<U+202E>gpj.exe"));
        QCOMPARE(displaySafe(QStringLiteral("a\x1b[1mb\x07")), QStringLiteral("a\u241b[1mb\u2407"));
        QCOMPARE(displaySafe(QStringLiteral("a\tb\nc")), QStringLiteral("a\u2409b\u240ac"));
        QCOMPARE(displaySafe(QStringLiteral("a\tb\nc"), LineBreaks::Keep),
                 QStringLiteral("a\tb\nc"));
        QCOMPARE(displaySafe(QStringLiteral("zero\u200Bwidth\u0085")),
                 QStringLiteral("zero<U+200B>width<U+0085>"));
        const QString plain = QStringLiteral("Zürich 東京 alice@example.com");
        QCOMPARE(displaySafe(plain), plain);
        QCOMPARE(htmlSafe(QStringLiteral("<b>&")), QStringLiteral("&lt;b&gt;&amp;"));
    }

    void cellsKeepTheirLineBreaksOnly()
    {
        // Seen in the decision pane's history: "...207Z<U+2028>166 failures": the delegate made
        // Qt's own line separator (its rendering of '\n') visible as an escape.
        QStyledItemDelegate base;
        ui::SafeTextDelegate safe;
        const QVariant twoLines(QStringLiteral("#2 rev 1\nreasoning"));
        QCOMPARE(safe.displayText(twoLines, QLocale()), base.displayText(twoLines, QLocale()));
        QCOMPARE(safe.displayText(QVariant(QStringLiteral("a\u2028b\u202Ec")), QLocale()),
                 QStringLiteral("a<U+2028>b<U+202E>c"));
    }

    void everyViewShowsHostileTextInert()
    {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        auto *table = w.findChild<QAbstractItemView *>(QStringLiteral("eventTable"));
        QVERIFY(table);
        QTRY_COMPARE(table->model()->rowCount(), 51);

        // A real click on a row of the fake-verdict account, then the account selected as an
        // analyst would from the accounts list, so every caption names it.
        const QRect cell = table->visualRect(table->model()->index(2, 1));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        w.hub().selectAccount(kFakeVerdict);
        QTRY_VERIFY(anyLabelMentions(w, QStringLiteral("VERIFIED SAFE")));
        QTest::qWait(300); // let the background loads of every view land
        checkWindow(w, QStringLiteral("VERIFIED SAFE"));

        w.hub().selectAccount(kBidi);
        QTRY_VERIFY(anyLabelMentions(w, QStringLiteral("gpj.exe")));
        QTest::qWait(300);
        checkWindow(w, QStringLiteral("gpj.exe"));
    }

private:
    static bool anyLabelMentions(const MainWindow &w, const QString &what)
    {
        const auto labels = w.findChildren<QLabel *>();
        return std::any_of(labels.begin(), labels.end(),
                           [&](const QLabel *l) { return l->text().contains(what); });
    }

    static void checkWindow(MainWindow &w, const QString &marker)
    {
        QVERIFY(!hasActiveControl(w.windowTitle()));
        int labelsWithData = 0;
        for (const QLabel *label : w.findChildren<QLabel *>()) {
            const QString where = QStringLiteral("label '%1'").arg(label->objectName());
            if (label->text().contains(marker))
                ++labelsWithData;
            checkSeen(where, label->text(), rendered(label->text(), label->textFormat()));
            if (QTest::currentTestFailed())
                return;
            checkSeen(where + QStringLiteral(" tooltip"), label->toolTip(),
                      rendered(label->toolTip(), Qt::AutoText));
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY2(labelsWithData >= 2, "the account should be named in several captions");
        for (const QTextBrowser *browser : w.findChildren<QTextBrowser *>()) {
            checkSeen(browser->objectName(), browser->toHtml(), browser->toPlainText());
            if (QTest::currentTestFailed())
                return;
        }
        int cellsWithData = 0;
        for (QAbstractItemView *view : w.findChildren<QAbstractItemView *>()) {
            QAbstractItemModel *model = view->model();
            if (!model || qobject_cast<QHeaderView *>(view))
                continue; // headers show the columns' own names, not case data
            for (int r = 0; r < std::min(model->rowCount(), 60); ++r) {
                for (int c = 0; c < model->columnCount(); ++c) {
                    const QModelIndex idx = model->index(r, c);
                    const QVariant value = idx.data(Qt::DisplayRole);
                    if (value.typeId() != QMetaType::QString)
                        continue;
                    auto *delegate
                            = qobject_cast<QStyledItemDelegate *>(view->itemDelegateForIndex(idx));
                    QVERIFY2(delegate, view->metaObject()->className());
                    const QString where
                            = QStringLiteral("%1 cell %2,%3").arg(view->objectName()).arg(r).arg(c);
                    checkSeen(where, value.toString(), delegate->displayText(value, QLocale()));
                    if (QTest::currentTestFailed())
                        return;
                    const QString tip = idx.data(Qt::ToolTipRole).toString();
                    if (!tip.contains(QStringLiteral("VERIFIED")) && !tip.contains(kBidi))
                        continue;
                    ++cellsWithData;
                    checkTooltip(view, idx, where);
                    if (QTest::currentTestFailed())
                        return;
                }
            }
        }
        Q_UNUSED(cellsWithData);
    }

    // Hovers the cell (a real tooltip event through the view's delegate) and renders what
    // QToolTip was given.
    static void checkTooltip(QAbstractItemView *view, const QModelIndex &idx, const QString &where)
    {
        if (!view->isVisible())
            return;
        view->scrollTo(idx);
        const QRect rect = view->visualRect(idx);
        if (!rect.isValid() || !view->viewport()->rect().intersects(rect))
            return;
        QHelpEvent help(QEvent::ToolTip, rect.center(),
                        view->viewport()->mapToGlobal(rect.center()));
        QCoreApplication::sendEvent(view->viewport(), &help);
        const QString shown = QToolTip::text();
        QToolTip::hideText();
        if (shown.isEmpty())
            return;
        checkSeen(where + QStringLiteral(" tooltip"), idx.data(Qt::ToolTipRole).toString(),
                  rendered(shown, Qt::AutoText));
    }
};

QTEST_MAIN(TestHostileText)
#include "tst_hostiletext.moc"
