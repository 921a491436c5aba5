// Case → Enrichment sources…, "Re-enrich case": the worker (a JobRunner) reports its end on
// the GUI thread and lets the button be used again, and closing the dialog while it runs
// neither crashes nor delivers anything to the closed dialog.

#include "common/testutil.h"

#include "case/casesession.h"
#include "dialogs/enrichmentdialog.h"

#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace netcase;

class TestEnrichmentDialog : public QObject
{
    Q_OBJECT
    QString m_case;

    std::unique_ptr<CaseSession> session()
    {
        auto c = CaseFile::open(m_case);
        if (!c)
            return nullptr;
        return std::make_unique<CaseSession>(std::move(*c), false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("reenrich.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString log = test::makeAccessLog(QStringLiteral("reenrich.log"), 2000, 300);
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case, log}).exitCode, 0);
    }

    void reEnrichFinishesOnTheGuiThread()
    {
        auto s = session();
        QVERIFY(s);
        EnrichmentDialog dialog(s.get());
        dialog.show();
        QSignalSpy finished(&dialog, &EnrichmentDialog::finished);
        dialog.reEnrich();
        QVERIFY(dialog.running());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!dialog.running());
        QVERIFY(!dialog.findChild<QProgressBar *>()->isVisible());
        // Done means done: the button is usable again for a writable case.
        const auto buttons = dialog.findChildren<QPushButton *>();
        const auto again = std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) {
            return b->text() == EnrichmentDialog::tr("Re-enrich case");
        });
        QVERIFY(again != buttons.end());
        QVERIFY((*again)->isEnabled());
    }

    void closingWhileRunningIsSafe()
    {
        auto s = session();
        QVERIFY(s);
        int delivered = 0;
        {
            auto *dialog = new EnrichmentDialog(s.get());
            connect(dialog, &EnrichmentDialog::finished, this, [&] { ++delivered; });
            dialog->reEnrich();
            QVERIFY(dialog->running());
            delete dialog; // waits for the worker, which sees the cancel flag
        }
        QTest::qWait(200);
        QCOMPARE(delivered, 0);
    }
};

QTEST_MAIN(TestEnrichmentDialog)
#include "tst_enrichmentdialog.moc"
