// Case → Preserve for incident… and Case → Purge past-retention records… (issue 24): the
// banner of a case past its retention date, a preservation recorded with the reason typed into
// the dialog, the purge refused while preserved, then confirmed with a click and run: events
// gone, decisions' audit kept, the chain still intact.

#include "common/testutil.h"

#include "case/casesession.h"
#include "case/retention.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/modebanner.h"
#include "mainwindow/retentionactions.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace netcase;

namespace {

/// Runs `answer` on the next modal dialog once it is on screen.
template<typename Dialog, typename Answer>
void whenShown(Answer answer)
{
    QTimer::singleShot(0, [answer] {
        QTRY_VERIFY(qobject_cast<Dialog *>(QApplication::activeModalWidget()));
        answer(qobject_cast<Dialog *>(QApplication::activeModalWidget()));
    });
}

QString bannerText(MainWindow &w)
{
    auto *banner = w.findChild<ModeBanner *>(QStringLiteral("modeBanner"));
    return banner && banner->isVisible() ? banner->text() : QString();
}

} // namespace

class TestRetentionActions : public QObject
{
    Q_OBJECT
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("retention.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-24"), QStringLiteral("--retention"),
                                QStringLiteral("2021-06-30")})
                         .exitCode,
                 0);
        const QString log = test::makeAccessLog(QStringLiteral("retention.log"), 300, 20);
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case, log}).exitCode, 0);
    }

    void preserveThenPurgeWithRealInput()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        QTRY_VERIFY(bannerText(w).contains(QStringLiteral("RETENTION")));
        QVERIFY(bannerText(w).contains(QStringLiteral("2021-06-30")));
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(w.grab().save(shots + QStringLiteral("/retention-banner.png")));

        RetentionActions *r = w.actions().retention();
        QVERIFY(r);
        r->setShowMessages(false);
        QVERIFY(r->purgeAction()->isEnabled());
        QVERIFY(r->purgeAction()->toolTip().contains(QStringLiteral("retention date")));

        // Preserve: the reason is typed into the dialog.
        whenShown<QInputDialog>([](QInputDialog *d) {
            auto *edit = d->findChild<QLineEdit *>();
            QVERIFY(edit);
            QTest::keyClicks(edit, QStringLiteral("INC-7731 legal hold"));
            QTest::keyClick(edit, Qt::Key_Return);
        });
        r->preserveAction()->trigger();
        CaseSession *s = w.controller().session();
        QVERIFY(s);
        const auto kept = retention::preservation(s->db());
        QVERIFY(kept.preserved);
        QCOMPARE(kept.reason, QStringLiteral("INC-7731 legal hold"));
        QTRY_COMPARE(bannerText(w), QString()); // preserved: no warning
        QVERIFY(r->preserveAction()->text().contains(QStringLiteral("Relea")));
        QVERIFY2(!r->purgeAction()->toolTip().contains(QStringLiteral("Remove the events")),
                 qPrintable(r->purgeAction()->toolTip()));

        // Refused while preserved: the message says why, nothing is purged.
        whenShown<QMessageBox>([](QMessageBox *box) {
            QVERIFY2(box->text().contains(QStringLiteral("refused")), qPrintable(box->text()));
            QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
        });
        r->purgeAction()->trigger();
        QCOMPARE(s->db().scalar("SELECT count(*) FROM event_blocks") > 0, true);

        // Release, then purge with the confirmation clicked.
        QVERIFY(r->setPreserved(false, QStringLiteral("hold lifted")).ok());
        QTRY_VERIFY(bannerText(w).contains(QStringLiteral("RETENTION")));
        QSignalSpy finished(r, &RetentionActions::finished);
        whenShown<QMessageBox>([](QMessageBox *box) {
            QVERIFY(box->text().contains(QStringLiteral("for good")));
            QPushButton *purge = nullptr;
            for (QAbstractButton *b : box->buttons())
                if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                    purge = qobject_cast<QPushButton *>(b);
            QVERIFY(purge);
            QTest::mouseClick(purge, Qt::LeftButton);
        });
        r->purgeAction()->trigger();
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(finished.first().at(1).toString().contains(QStringLiteral("Purged 300 events")));
        QCOMPARE(s->db().scalar("SELECT count(*) FROM event_blocks"), 0);
        QTRY_COMPARE(bannerText(w), QString()); // purged: no warning
        w.controller().closeCase();

        const auto audit = test::netcase({QStringLiteral("audit"), m_case});
        for (const char *action : {"case.preserve", "case.release", "case.purge"})
            QVERIFY2(audit.out.contains(action), action);
        const auto verify = test::netcase({QStringLiteral("verify"), m_case});
        QVERIFY2(verify.exitCode == 0, verify.out.constData());
    }
};

QTEST_MAIN(TestRetentionActions)
#include "tst_retentionactions.moc"
