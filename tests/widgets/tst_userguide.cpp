// Help → User guide: F1 opens the guide shipped in the application (offline); it walks the
// analyst's work in order; its find field finds; and every key it names (Ctrl+…, Alt+…, F1, Esc)
// is a shortcut the main window really has, so the guide cannot drift from the program.
// NETCASE_SCREENSHOTS=DIR keeps a PNG of the guide.

#include "dialogs/userguidedialog.h"
#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QLineEdit>
#include <QRegularExpression>
#include <QShortcut>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>

using namespace netcase;

class TestUserGuide : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void f1OpensTheGuide()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!w.findChild<UserGuideDialog *>());
        QTest::keyClick(&w, Qt::Key_F1);
        UserGuideDialog *guide = nullptr;
        QTRY_VERIFY((guide = w.findChild<UserGuideDialog *>()));
        QTRY_VERIFY(guide->isVisible());
        const QString text = guide->text();
        int last = -1;
        for (const char *step :
             {"1. Create a case", "2. Import logs", "3. Read the findings",
              "4. Ask the case a question", "5. Notes", "6. Decide", "7. Review", "8. Report"}) {
            const int at = text.indexOf(QLatin1String(step));
            QVERIFY2(at > last, step); // present and in the order of the work
            last = at;
        }
        QVERIFY(text.contains(QStringLiteral("rarely proves who acted")));
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(guide->grab().save(shots + QStringLiteral("/user-guide.png")));

        // The find field, with real keys.
        auto *find = guide->findChild<QLineEdit *>(QStringLiteral("userGuideFind"));
        auto *browser = guide->findChild<QTextBrowser *>(QStringLiteral("userGuideText"));
        QVERIFY(find && browser);
        QTest::keyClicks(find, QStringLiteral("proportion"));
        QTest::keyClick(find, Qt::Key_Return);
        QCOMPARE(browser->textCursor().selectedText().toLower(), QStringLiteral("proportion"));
        find->clear();
        QTest::keyClicks(find, QStringLiteral("no such words anywhere"));
        QVERIFY(!guide->find(find->text()));

        // F1 again raises the same window instead of opening a second one.
        QTest::keyClick(&w, Qt::Key_F1);
        QCOMPARE(w.findChildren<UserGuideDialog *>().size(), qsizetype(1));
    }

    void everyKeyTheGuideNamesExists()
    {
        MainWindow w;
        QStringList bound;
        for (const QAction *a : w.findChildren<QAction *>())
            for (const QKeySequence &k : a->shortcuts())
                bound << k.toString(QKeySequence::PortableText);
        for (const QShortcut *s : w.findChildren<QShortcut *>())
            bound << s->key().toString(QKeySequence::PortableText);
        UserGuideDialog guide;
        const QRegularExpression key(
                QStringLiteral("\\b((?:Ctrl\\+)?(?:Shift\\+)?(?:Alt\\+)?(?:[A-Z]|Left|Right|F1)"
                               "|Esc)\\b"));
        int named = 0;
        for (auto it = key.globalMatch(guide.text()); it.hasNext();) {
            const QString k = it.next().captured(1);
            if (!k.contains(QLatin1Char('+')) && k != QLatin1String("F1")
                && k != QLatin1String("Esc"))
                continue; // a capital letter in a sentence, not a key
            ++named;
            QVERIFY2(bound.contains(k), qPrintable(k
                                                   + QStringLiteral(" is named by the guide "
                                                                    "but bound to nothing")));
        }
        QVERIFY(named >= 10);
    }
};

QTEST_MAIN(TestUserGuide)
#include "tst_userguide.moc"
