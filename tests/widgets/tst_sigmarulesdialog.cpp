// Case → Sigma rules…: folders are added by typing a path and clicking Add, each listed with the
// rules loaded from it, the skipped rules with the loader's reason; a path that is not a folder
// is refused with a message, a selected folder is removed, Save hands the list back and it is
// stored in the case (sigma::storeFolders), where the GUI's analysis reads it. Offscreen, with
// real clicks and key presses. NETCASE_SCREENSHOTS=DIR keeps a PNG of the dialog.

#include "common/testutil.h"

#include "case/casefile.h"
#include "dialogs/sigmarulesdialog.h"
#include "sigma/sigmaanalysis.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QTreeWidget>

using namespace netcase;

namespace {

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

struct Parts
{
    QLineEdit *path = nullptr;
    QPushButton *add = nullptr;
    QPushButton *remove = nullptr;
    QTreeWidget *folders = nullptr;
    QTreeWidget *unsupported = nullptr;
    QLabel *status = nullptr;
};

Parts parts(SigmaRulesDialog &d)
{
    Parts p;
    p.path = d.findChild<QLineEdit *>(QStringLiteral("sigmaFolderPath"));
    p.add = d.findChild<QPushButton *>(QStringLiteral("sigmaAddFolder"));
    p.remove = d.findChild<QPushButton *>(QStringLiteral("sigmaRemoveFolder"));
    p.folders = d.findChild<QTreeWidget *>(QStringLiteral("sigmaFolders"));
    p.unsupported = d.findChild<QTreeWidget *>(QStringLiteral("sigmaUnsupported"));
    p.status = d.findChild<QLabel *>(QStringLiteral("sigmaStatus"));
    return p;
}

void typeAndAdd(const Parts &p, const QString &path)
{
    p.path->clear();
    QTest::mouseClick(p.path, Qt::LeftButton);
    QTest::keyClicks(p.path, path);
    QTest::mouseClick(p.add, Qt::LeftButton);
}

} // namespace

class TestSigmaRulesDialog : public QObject
{
    Q_OBJECT
    QString m_web;  ///< one rule that loads, one that is skipped
    QString m_okta; ///< two rules that load
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        m_web = test::tempPath(QStringLiteral("sigma-web"));
        m_okta = test::tempPath(QStringLiteral("sigma-okta"));
        QVERIFY(QDir().mkpath(m_web) && QDir().mkpath(m_okta));
        write(m_web + QStringLiteral("/scanner.yml"),
              "title: Scanner user agent\nid: 11111111-0000-0000-0000-000000000001\n"
              "author: Netcase Tests\nlevel: low\nlogsource:\n  category: webserver\n"
              "detection:\n  sel:\n    c-useragent|contains: nikto\n  condition: sel\n");
        write(m_web + QStringLiteral("/windows.yml"),
              "title: Windows rule\nauthor: Netcase Tests\nlogsource:\n  product: windows\n"
              "  service: sysmon\ndetection:\n  sel:\n    EventID: 1\n  condition: sel\n");
        for (int i = 0; i < 2; ++i)
            write(m_okta + QStringLiteral("/okta%1.yml").arg(i),
                  QByteArray("title: Okta rule ") + QByteArray::number(i)
                          + "\nauthor: Netcase Tests\nlogsource:\n  product: okta\n  service: "
                            "okta\ndetection:\n  sel:\n    eventType: user.session.start\n"
                            "  condition: sel\n");
        m_case = test::tempPath(QStringLiteral("sigmarules.netcase"));
        QVERIFY(CaseFile::create(m_case, CaseInfo{QStringLiteral("sigma rules")}).ok());
    }

    void addListRemoveAndSave()
    {
        SigmaRulesDialog dialog({}, false);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const Parts p = parts(dialog);
        QVERIFY(p.path && p.add && p.remove && p.folders && p.unsupported && p.status);
        QCOMPARE(p.folders->topLevelItemCount(), 0);
        QVERIFY(p.status->text().startsWith(QStringLiteral("No folders")));
        QVERIFY(!p.remove->isEnabled());

        typeAndAdd(p, m_web);
        QCOMPARE(p.folders->topLevelItemCount(), 1);
        const QTreeWidgetItem *web = p.folders->topLevelItem(0);
        QCOMPARE(web->text(0), QDir(m_web).absolutePath());
        QCOMPARE(web->text(1), QStringLiteral("1")); // rules
        QCOMPARE(web->text(2), QStringLiteral("0")); // correlations
        QCOMPARE(web->text(3), QStringLiteral("1")); // skipped
        QCOMPARE(p.unsupported->topLevelItemCount(), 1);
        const QTreeWidgetItem *skipped = p.unsupported->topLevelItem(0);
        QCOMPARE(skipped->text(0), QStringLiteral("windows.yml"));
        QCOMPARE(skipped->text(1), QStringLiteral("Windows rule"));
        QVERIFY2(skipped->text(2).contains(QStringLiteral("not a log Netcase imports")),
                 qPrintable(skipped->text(2)));
        QVERIFY(p.path->text().isEmpty());

        // Not a folder, and the same folder twice: refused with a message, nothing added.
        typeAndAdd(p, m_web + QStringLiteral("/scanner.yml"));
        QVERIFY(p.status->text().startsWith(QStringLiteral("Not a folder")));
        typeAndAdd(p, m_web);
        QVERIFY(p.status->text().startsWith(QStringLiteral("Already listed")));
        QCOMPARE(p.folders->topLevelItemCount(), 1);

        typeAndAdd(p, m_okta);
        QCOMPARE(p.folders->topLevelItemCount(), 2);
        QCOMPARE(p.folders->topLevelItem(1)->text(1), QStringLiteral("2"));
        QCOMPARE(p.folders->topLevelItem(1)->text(3), QStringLiteral("0"));
        QCOMPARE(p.status->text(), QStringLiteral("3 rule(s) loaded from 2 folder(s), 1 skipped."));
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            dialog.grab().save(shots + QStringLiteral("/sigma-rules-dialog.png"));

        // Select the web folder by clicking its row, then Remove.
        const QRect row = p.folders->visualItemRect(p.folders->topLevelItem(0));
        QTest::mouseClick(p.folders->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(p.folders->currentItem(), p.folders->topLevelItem(0));
        QTest::mouseClick(p.remove, Qt::LeftButton);
        QCOMPARE(p.folders->topLevelItemCount(), 1);
        QCOMPARE(p.unsupported->topLevelItemCount(), 0);
        QCOMPARE(dialog.folders(), QStringList{QDir(m_okta).absolutePath()});

        auto *box = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(box && box->button(QDialogButtonBox::Save));
        QTest::mouseClick(box->button(QDialogButtonBox::Save), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        // What the Case menu does with the result: the case keeps it for the next analysis.
        auto c = CaseFile::open(m_case);
        QVERIFY(c);
        QVERIFY(sigma::storeFolders(c->db(), dialog.folders(), QStringLiteral("tester")).ok());
        QCOMPARE(sigma::storedFolders(c->db()), dialog.folders());
        QVERIFY(sigma::storedDetection(c->db()));
    }

    void readOnlyCaseCannotEdit()
    {
        SigmaRulesDialog dialog({m_okta}, true);
        dialog.show();
        const Parts p = parts(dialog);
        QCOMPARE(p.folders->topLevelItemCount(), 1);
        QVERIFY(!p.add->isEnabled() && !p.remove->isEnabled() && !p.path->isEnabled());
        auto *box = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(!box->button(QDialogButtonBox::Save));
        QVERIFY(box->button(QDialogButtonBox::Close));
    }
};

QTEST_MAIN(TestSigmaRulesDialog)
#include "tst_sigmarulesdialog.moc"
