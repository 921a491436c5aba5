// Encrypted cases in the GUI (issue 24): the New case dialog's Encrypt box needs the passphrase
// typed twice alike; opening an encrypted case asks for its passphrase in a password field
// (typed for real), a wrong one is refused with the message; a change is a save point (the file
// on disk changes and the CLI reads the change); closing removes the working copy.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/casesession.h"
#include "dialogs/newcasedialog.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace netcase;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestEncryptedGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_ram{QStringLiteral("/dev/shm/netcase-enc-gui-XXXXXX")};
    QString m_key;

    QStringList leftovers() const
    {
        return QDir(m_ram.path() + QStringLiteral("/netcase-work"))
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_ram.isValid())
            QSKIP("no /dev/shm here");
        QStandardPaths::setTestModeEnabled(true);
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_ram.path()));
        m_key = test::tempPath(QStringLiteral("gui.key"));
        QFile f(m_key);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("gui secret\n");
    }

    void newCaseDialogNeedsTheSamePassphraseTwice()
    {
        NewCaseDialog d;
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QPushButton *create = d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        auto *ref = d.findChild<QLineEdit *>(QStringLiteral("authorization"));
        auto *encrypt = d.findChild<QCheckBox *>(QStringLiteral("encrypt"));
        auto *pass = d.findChild<QLineEdit *>(QStringLiteral("passphrase"));
        auto *again = d.findChild<QLineEdit *>(QStringLiteral("passphraseAgain"));
        QVERIFY(ref && encrypt && pass && again);
        QTest::keyClicks(ref, QStringLiteral("INC-9"));
        QVERIFY(create->isEnabled());
        QVERIFY(!pass->isEnabled());
        QVERIFY(d.passphrase().isEmpty());
        QTest::mouseClick(encrypt, Qt::LeftButton, {}, QPoint(4, encrypt->height() / 2));
        QVERIFY(encrypt->isChecked());
        QVERIFY(!create->isEnabled()); // no passphrase yet
        QCOMPARE(pass->echoMode(), QLineEdit::Password);
        QTest::keyClicks(pass, QStringLiteral("s3cret words"));
        QTest::keyClicks(again, QStringLiteral("s3cret wordz"));
        QVERIFY(!create->isEnabled());
        QTest::keyClick(again, Qt::Key_Backspace);
        QTest::keyClicks(again, QStringLiteral("s"));
        QVERIFY(create->isEnabled());
        QCOMPARE(d.passphrase(), QByteArray("s3cret words"));
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(d.grab().save(shots + QStringLiteral("/new-case-encrypted.png")));
    }

    void openAskSaveAndClose()
    {
        const QString path = test::tempPath(QStringLiteral("gui.netcase"));
        auto r = test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                QStringLiteral("GUI-1"), QStringLiteral("--title"),
                                QStringLiteral("Before"), QStringLiteral("--encrypt"),
                                QStringLiteral("--key-file"), m_key});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString wrong = w.controller().openCase(path, false, true, false, "not it");
        QVERIFY2(wrong.contains(QStringLiteral("wrong passphrase or not a Netcase case")),
                 qPrintable(wrong));
        QCOMPARE(leftovers(), QStringList());

        // The passphrase is typed into the password field the controller shows.
        QTimer::singleShot(0, [] {
            QTRY_VERIFY(qobject_cast<QInputDialog *>(QApplication::activeModalWidget()));
            auto *d = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QCOMPARE(d->textEchoMode(), QLineEdit::Password);
            auto *edit = d->findChild<QLineEdit *>();
            QVERIFY(edit);
            QTest::keyClicks(edit, QStringLiteral("gui secret"));
            QTest::keyClick(edit, Qt::Key_Return);
        });
        QCOMPARE(w.controller().openCase(path), QString());
        CaseSession *s = w.controller().session();
        QVERIFY(s);
        QVERIFY(s->caseFile().encrypted());
        QCOMPARE(s->casePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(leftovers().size(), 1);

        const QByteArray before = fileBytes(path);
        CaseInfo info = s->caseFile().info();
        info.title = QStringLiteral("After");
        QVERIFY(s->caseFile().setInfo(info, QStringLiteral("tester")).ok());
        s->notifyChanged(); // what every writer in the GUI does after a change: a save point
        QVERIFY(fileBytes(path) != before);
        QVERIFY(!fileBytes(path).startsWith("SQLite format 3"));
        r = test::netcase({QStringLiteral("info"), path, QStringLiteral("--key-file"), m_key});
        QVERIFY2(r.out.contains("title          After"), r.out.constData());

        w.controller().closeCase();
        QCOMPARE(leftovers(), QStringList());
        r = test::netcase({QStringLiteral("verify"), path, QStringLiteral("--key-file"), m_key});
        QVERIFY2(r.exitCode == 0, r.out.constData());
    }
};

QTEST_MAIN(TestEncryptedGui)
#include "tst_encryptedgui.moc"
