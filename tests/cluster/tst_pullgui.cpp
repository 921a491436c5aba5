// Case → Pull from ClickHouse… against two real clickhouse-server shards, with real input: the
// action follows the case; the dialog says what is wrong with what was typed (a bare word in the
// query, a time that does not read); Count gives the same number as `netcase pull --count`;
// Pull brings those events into the case as one source behind a progress dialog, then the
// views reload and the case holds them. NETCASE_SCREENSHOTS=DIR keeps a PNG of the dialog.

#include "clickhousecluster.h"

#include "common/analysis_fixtures.h"
#include "common/testutil.h"

#include "case/casesession.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/clusterpuller.h"
#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace netcase;
using namespace netcase::test;

class TestPullGui : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClickHouseCluster> m_cluster;
    QString m_url;
    QString m_case;

    static void typeInto(QWidget *dialog, const char *name, const QString &text)
    {
        auto *edit = dialog->findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (ClickHouseCluster::serverBinary().isEmpty())
            QSKIP("clickhouse-server is not installed (apt-get install clickhouse-server); the "
                  "ClickHouse tests need the real server");
        qRegisterMetaType<netcase::ClusterPullOutcome>();
        QStandardPaths::setTestModeEnabled(true);
        m_cluster = std::make_unique<ClickHouseCluster>(2);
        const Status s = m_cluster->start();
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        const QString dir = tempPath(QStringLiteral("scenario"));
        QVERIFY(generateScenarios(dir));
        m_url = m_cluster->url(QStringLiteral("gui"));
        const Run pushed = test::netcase({QStringLiteral("push"), m_url, QStringLiteral("--init"),
                                          dir + QStringLiteral("/web-access.log"),
                                          dir + QStringLiteral("/auth.log"),
                                          QStringLiteral("--year"), QStringLiteral("2026")});
        QVERIFY2(pushed.exitCode == 0, QByteArray(pushed.out + pushed.err).constData());
        m_case = tempPath(QStringLiteral("gui-pull.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
    }
    void cleanupTestCase() { m_cluster.reset(); }

    void countsThenPulls()
    {
        const QString query = QStringLiteral("src:45.155.205.33");
        const Run cli
                = test::netcase({QStringLiteral("pull"), m_case, m_url, QStringLiteral("--query"),
                                 query, QStringLiteral("--count"), QStringLiteral("--json")});
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        const auto want = nlohmann::json::parse(cli.out.toStdString())["events"].get<qint64>();
        QVERIFY(want > 1);

        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *action = w.findChild<QAction *>(QStringLiteral("pullFromClickHouse"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        QVERIFY(action->isEnabled());
        auto *puller = w.findChild<ClusterPuller *>();
        QVERIFY(puller);
        puller->setShowSummary(false);

        action->trigger();
        QWidget *dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<QWidget *>(QStringLiteral("pullDialog"))));
        QTRY_VERIFY(dialog->isVisible());
        auto *problem = dialog->findChild<QLabel *>(QStringLiteral("pullProblem"));
        auto *countText = dialog->findChild<QLabel *>(QStringLiteral("pullCountText"));
        auto *countButton = dialog->findChild<QPushButton *>(QStringLiteral("pullCountButton"));
        auto *pull = dialog->findChild<QPushButton *>(QStringLiteral("pullAccept"));
        QVERIFY(problem && countText && countButton && pull);

        // What does not read is named, and nothing is asked of the cluster.
        typeInto(dialog, "pullUrl", m_url);
        typeInto(dialog, "pullQuery", QStringLiteral("brute"));
        QTest::mouseClick(countButton, Qt::LeftButton);
        QVERIFY2(problem->text().startsWith(QStringLiteral("Query: ")),
                 qPrintable(problem->text()));
        QVERIFY(countText->text().isEmpty());
        typeInto(dialog, "pullQuery", query);
        typeInto(dialog, "pullFrom", QStringLiteral("yesterday-ish"));
        QTest::mouseClick(pull, Qt::LeftButton);
        QVERIFY2(problem->text().startsWith(QStringLiteral("From: cannot read")),
                 qPrintable(problem->text()));
        QVERIFY(dialog->isVisible());
        typeInto(dialog, "pullFrom", QString());

        // The count preview agrees with the command line.
        QTest::mouseClick(countButton, Qt::LeftButton);
        QVERIFY(problem->text().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(countText->text().contains(QStringLiteral("match")), 30000);
        QCOMPARE(countText->text(),
                 QStringLiteral("%1 events match").arg(QLocale().toString(want)));
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(dialog->grab().save(shots + QStringLiteral("/pull-dialog.png")));

        QSignalSpy finished(puller, &ClusterPuller::finished);
        QTest::mouseClick(pull, Qt::LeftButton);
        QVERIFY(puller->busy());
        QVERIFY(w.findChild<QProgressDialog *>(QStringLiteral("pullProgress")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
        const auto out = finished.at(0).at(0).value<ClusterPullOutcome>();
        QVERIFY2(out.ok, qPrintable(out.error));
        QCOMPARE(out.report.events, want);
        QVERIFY2(out.text().contains(QStringLiteral("into source 1")), qPrintable(out.text()));
        QVERIFY(!out.text().contains(QStringLiteral("password")));
        QTRY_VERIFY(!w.findChild<QProgressDialog *>(QStringLiteral("pullProgress")));
        w.controller().closeCase();

        // The case holds the pulled source, with the query in its provenance.
        const Run info = test::netcase({QStringLiteral("info"), m_case, QStringLiteral("--json")});
        QVERIFY2(info.exitCode == 0, info.err.constData());
        const auto doc = nlohmann::json::parse(info.out.toStdString());
        QCOMPARE(doc["sources"].size(), size_t(1));
        QCOMPARE(doc["sources"][0]["events"].get<qint64>(), want);

        // The connection used is kept in the case (never a password) and fills the dialog the
        // next time.
        const Run conn
                = test::netcase({QStringLiteral("connection"), m_case, QStringLiteral("--json")});
        QVERIFY2(conn.exitCode == 0, conn.err.constData());
        QCOMPARE(QString::fromStdString(
                         nlohmann::json::parse(conn.out.toStdString())["url"].get<std::string>()),
                 m_url);
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        action->trigger();
        QTRY_VERIFY((dialog = w.findChild<QWidget *>(QStringLiteral("pullDialog"))));
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("pullUrl"));
        QVERIFY(url);
        QCOMPARE(url->text(), m_url);
        auto *ca = dialog->findChild<QLineEdit *>(QStringLiteral("pullCaFile"));
        QVERIFY(ca);
        // A CA file with a plain-HTTP URL is named in the dialog.
        typeInto(dialog, "pullCaFile", QStringLiteral("/etc/ssl/certs/ca-certificates.crt"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("pullCountButton")),
                          Qt::LeftButton);
        auto *problem2 = dialog->findChild<QLabel *>(QStringLiteral("pullProblem"));
        QVERIFY2(problem2->text().startsWith(QStringLiteral("CA file: ")),
                 qPrintable(problem2->text()));
        dialog->close();
        w.controller().closeCase();
    }
};

QTEST_MAIN(TestPullGui)
#include "tst_pullgui.moc"
