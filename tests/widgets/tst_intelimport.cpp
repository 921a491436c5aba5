// Case → Import intelligence… in the main window: the action follows the case, the import runs
// on a worker behind a progress dialog, then the views reload: IP details shows the indicator
// for the selected address, and the case holds the intel finding.

#include "common/intelfixtures.h"
#include "common/testutil.h"

#include "analysis/findingstore.h"
#include "case/casesession.h"
#include "ipdetails/ipdetailsview.h"
#include "items/selectionhub.h"
#include "jobs/intelimport.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/intelimporter.h"
#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace netcase;
using namespace Qt::StringLiterals;

class TestIntelImportGui : public QObject
{
    Q_OBJECT
    QString m_case;
    QString m_bundle;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<netcase::IntelImportOutcome>();
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("gui-intel.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString log = test::accessLogFrom(QStringLiteral("gui.log"),
                                                {u"203.0.113.7"_s, u"198.51.100.20"_s});
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case, log}).exitCode, 0);
        m_bundle = test::writeJson(QStringLiteral("gui-bundle.json"),
                                   test::stixBundle({{u"[ipv4-addr:value = '203.0.113.7']"_s,
                                                      u"2024-01-01T00:00:00Z"_s, QString(), 75}}));
    }

    void importsAndRefreshes()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *action = w.findChild<QAction *>(QStringLiteral("importIntelligence"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        QVERIFY(action->isEnabled());

        // IP details already shows the address, without intelligence.
        auto *details = w.findChild<IpDetailsView *>();
        QVERIFY(details);
        w.hub().selectIp(QStringLiteral("203.0.113.7"));
        QTRY_VERIFY(!details->isLoading());
        QVERIFY(details->intelText().isEmpty());

        auto *importer = w.findChild<IntelImporter *>();
        QVERIFY(importer);
        importer->setShowSummary(false);
        QSignalSpy finished(importer, &IntelImporter::finished);
        importer->start({m_bundle});
        QVERIFY(importer->busy());
        QVERIFY(w.findChild<QProgressDialog *>(QStringLiteral("intelProgress")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto outcome = finished.at(0).at(0).value<IntelImportOutcome>();
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.matches, 1);
        QVERIFY2(outcome.text().contains(QStringLiteral("gui-bundle.json (STIX, producer "
                                                        "Example CERT): 1 indicators")),
                 qPrintable(outcome.text()));
        QTRY_VERIFY(!w.findChild<QProgressDialog *>(QStringLiteral("intelProgress")));

        // The views reloaded: IP details names the indicator.
        QTRY_VERIFY(details->intelText().contains(QStringLiteral("confidence 75")));
        QCOMPARE(int(intelFindingsOf(w.controller().session()->db()).size()), 1);

        // The same file again is refused, and said so.
        finished.clear();
        importer->start({m_bundle});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto again = finished.at(0).at(0).value<IntelImportOutcome>();
        QVERIFY(again.ok);
        QCOMPARE(again.summary.refused(), 1);
        QVERIFY(again.text().contains(QStringLiteral("already in the case")));

        w.controller().closeCase();
        QVERIFY(!action->isEnabled());
    }
};

QTEST_MAIN(TestIntelImportGui)
#include "tst_intelimport.moc"
