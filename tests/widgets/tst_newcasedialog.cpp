// Case → New case…: "Create" stays disabled until an authorisation reference is typed, or "No
// authorisation reference" is checked and a reason typed; the dialog's case details carry the
// one that was given. NETCASE_SCREENSHOTS=DIR keeps a PNG of the dialog.

#include "dialogs/newcasedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace netcase;

class TestNewCaseDialog : public QObject
{
    Q_OBJECT

    static QPushButton *createButton(NewCaseDialog &d)
    {
        return d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    }

private Q_SLOTS:
    void createNeedsAReference()
    {
        NewCaseDialog d;
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QPushButton *create = createButton(d);
        QVERIFY(!create->isEnabled());
        auto *ref = d.findChild<QLineEdit *>(QStringLiteral("authorization"));
        QVERIFY(ref);
        QTest::keyClicks(ref, QStringLiteral("   "));
        QVERIFY(!create->isEnabled());
        QTest::keyClicks(ref, QStringLiteral("INC-4711"));
        QVERIFY(create->isEnabled());
        QCOMPARE(d.info().authorization, QStringLiteral("INC-4711"));
        QVERIFY(d.info().noAuthorizationReason.isEmpty());
    }

    void noReferenceNeedsAReason()
    {
        NewCaseDialog d;
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QPushButton *create = createButton(d);
        auto *ref = d.findChild<QLineEdit *>(QStringLiteral("authorization"));
        auto *none = d.findChild<QCheckBox *>(QStringLiteral("noAuthorization"));
        auto *reason = d.findChild<QLineEdit *>(QStringLiteral("noAuthorizationReason"));
        QVERIFY(ref && none && reason);
        QTest::keyClicks(ref, QStringLiteral("INC-1"));
        QVERIFY(!reason->isEnabled());
        QTest::mouseClick(none, Qt::LeftButton, {}, QPoint(4, none->height() / 2));
        QVERIFY(none->isChecked());
        QVERIFY(!ref->isEnabled());
        QVERIFY(!create->isEnabled());
        QTest::keyClicks(reason, QStringLiteral("training exercise"));
        QVERIFY(create->isEnabled());
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(d.grab().save(shots + QStringLiteral("/new-case-dialog.png")));
        const CaseInfo info = d.info();
        QVERIFY(info.authorization.isEmpty());
        QCOMPARE(info.noAuthorizationReason, QStringLiteral("training exercise"));
        QTest::mouseClick(create, Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestNewCaseDialog)
#include "tst_newcasedialog.moc"
