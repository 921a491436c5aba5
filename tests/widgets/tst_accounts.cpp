// Account context: directory CSV import (lenient headers, quoting, refusal without an account
// column), the context queries, the account list under the model tester, and the view linked
// through the hub.

#include "common/testutil.h"
#include "common/views2fixture.h"

#include "accounts/accountsview.h"
#include "audit/auditlog.h"
#include "case/casesession.h"
#include "items/accountcontext.h"
#include "items/accountlistmodel.h"
#include "items/directoryimport.h"
#include "items/selectionhub.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>

using namespace netcase;
namespace v2 = netcase::test::views2;

class TestAccounts : public QObject
{
    Q_OBJECT
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("accounts.netcase"));
        QVERIFY(v2::makeCase(m_path));
    }

    void directoryImport()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        Database &db = c->db();
        const std::int64_t auditBefore = db.scalar("SELECT count(*) FROM audit_log");
        // No account column: refused, nothing written.
        auto bad = DirectoryImport::importText(db, "name;dept\nalice;IT\n", QStringLiteral("x.csv"),
                                               QStringLiteral("tester"));
        QVERIFY(!bad);
        QCOMPARE(db.scalar("SELECT count(*) FROM directory"), 0);
        // Semicolons, a BOM, lenient headers, an unknown MFA value kept in extra.
        const QByteArray csv = "\xEF\xBB\xBFUserPrincipalName;MFA Enrolled;Device trust;"
                               "Department;Password last set;Manager\n"
                               "alice;yes;managed;Finance;2026-02-01;dora\n"
                               "bob;no;;IT;;\n"
                               ";yes;;;;\n"
                               "carol;maybe;unmanaged;Sales;2026-03-01;\n";
        auto ok = DirectoryImport::importText(db, csv, QStringLiteral("dir.csv"),
                                              QStringLiteral("tester"));
        QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
        QCOMPARE(ok->rows, 4);
        QCOMPARE(ok->imported, 3);
        QCOMPARE(ok->skippedCount, 1);
        QCOMPARE(db.scalar("SELECT mfa_enrolled FROM directory WHERE account = 'alice'"), 1);
        QCOMPARE(db.scalar("SELECT mfa_enrolled FROM directory WHERE account = 'bob'"), 0);
        QCOMPARE(db.scalar("SELECT mfa_enrolled IS NULL FROM directory WHERE account = 'carol'"),
                 1);
        QCOMPARE(db.scalar("SELECT count(*) FROM directory WHERE extra LIKE '%dora%'"), 1);
        QCOMPARE(db.scalar("SELECT count(*) FROM audit_log"), auditBefore + 1);
        QVERIFY(AuditLog::verify(db).intact);
    }

    void contextQueries()
    {
        auto c = CaseFile::open(m_path, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c);
        auto carol = AccountContext::load(c->db(), QString::fromLatin1(v2::kCarol));
        QVERIFY(carol);
        QCOMPARE(carol->events, v2::kCarolEvents);
        QCOMPARE(carol->failures, 3);
        QCOMPARE(carol->successes, v2::kCarolEvents - 3);
        std::int64_t inBuckets = 0;
        for (size_t i = 0; i < carol->bucketSuccess.size(); ++i)
            inBuckets += carol->bucketSuccess[i] + carol->bucketFailure[i] + carol->bucketOther[i];
        QCOMPARE(inBuckets, carol->events);
        QCOMPARE(int(carol->mfa.size()), 2);
        QCOMPARE(carol->mfa[0].value, QStringLiteral("push:denied"));
        QCOMPARE(carol->mfa[0].count, 3);
        QCOMPARE(int(carol->passwordResets.size()), 1);
        QCOMPARE(int(carol->sensitiveActions.size()), 1);
        QCOMPARE(carol->sensitiveActions[0].value, QStringLiteral("user.mfa.factor.deactivate"));
        QCOMPARE(carol->userAgents.at(0).value, QString::fromLatin1(v2::kAgent));
        QCOMPARE(carol->devices.at(0).value, QStringLiteral("dev-42"));
        QCOMPARE(carol->countries.at(0).value, QStringLiteral("FR"));
        QCOMPARE(carol->asns.at(0).value, QStringLiteral("AS64500 Example Net"));
        QVERIFY(carol->directory && carol->directory->department == QStringLiteral("Sales"));

        auto alice = AccountContext::load(c->db(), QStringLiteral("alice"));
        QVERIFY(alice);
        QCOMPARE(int(alice->findings.size()), 1);
        QCOMPARE(alice->findings[0].id, std::int64_t(1));
        QCOMPARE(alice->distinctIps, 2);

        auto bob = AccountContext::load(c->db(), QStringLiteral("bob"));
        QVERIFY(bob);
        QCOMPARE(bob->ipsWithoutEnrichment, 0); // the private address has an ip_info row
        auto nobody = AccountContext::load(c->db(), QStringLiteral("no-such-account"));
        QVERIFY(nobody);
        QCOMPARE(nobody->events, 0);
        QVERIFY(!AccountContext::isSensitiveAction(QStringLiteral("user.session.start")));
    }

    void listModel()
    {
        auto c = CaseFile::open(m_path);
        CaseSession session(std::move(*c), false);
        AccountListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(&session);
        QVERIFY(model.isLoading()); // on a worker thread
        QSignalSpy loaded(&model, &AccountListModel::loaded);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(model.rowCount(), 1 + 1 + 6 + 1);                  // alice, bob, user0..5, carol
        QCOMPARE(model.rowAt(0)->account, QStringLiteral("alice")); // most events first
        QCOMPARE(model.rowAt(0)->findings, 1);
        model.sort(AccountListModel::Account, Qt::AscendingOrder);
        QCOMPARE(model.rowAt(0)->account, QStringLiteral("alice"));
        QCOMPARE(model.rowAt(1)->account, QStringLiteral("bob"));
        session.notifyChanged();
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 9); // the old rows until the new ones arrive
        QVERIFY(loaded.wait(30000));
        QCOMPARE(model.rowCount(), 9);
        QVERIFY(model.loadError().isEmpty());
    }

    void viewFollowsAndPublishes()
    {
        auto c = CaseFile::open(m_path);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        AccountsView view(hub);
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(&session);

        // A click in the list publishes the account.
        QTRY_VERIFY(!view.model()->isLoading());
        const int row = view.model()->rowOfAccount(QStringLiteral("bob"));
        QVERIFY(row >= 0);
        QTableView *list = view.list();
        auto *proxy = list->model();
        int proxyRow = -1;
        for (int r = 0; r < proxy->rowCount(); ++r) {
            if (proxy->index(r, 0).data().toString() == QLatin1String("bob"))
                proxyRow = r;
        }
        QVERIFY(proxyRow >= 0);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualRect(proxy->index(proxyRow, 0)).center());
        QCOMPARE(hub.selection().accounts, QStringList{QStringLiteral("bob")});
        QVERIFY(view.header().contains(QStringLiteral("bob")));
        QVERIFY(view.isLoadingContext()); // read on a worker thread
        QTRY_VERIFY(!view.isLoadingContext());
        QVERIFY2(view.header().contains(QStringLiteral("events (")), qPrintable(view.header()));

        // A selection made elsewhere shows that account's context and directory record.
        hub.selectAccount(QString::fromLatin1(v2::kCarol));
        QCOMPARE(view.currentAccount(), QString::fromLatin1(v2::kCarol));
        QTRY_VERIFY(!view.isLoadingContext());
        QVERIFY2(view.header().contains(QStringLiteral("Sales")), qPrintable(view.header()));
        QVERIFY(view.details()->toPlainText().contains(QStringLiteral("push:denied")));
        QCOMPARE(list->currentIndex().data().toString(), QString::fromLatin1(v2::kCarol));

        // A finding selected elsewhere with one account shows it without overriding the hub.
        hub.selectFinding(1, {1, 2}, {}, {QStringLiteral("alice")});
        QCOMPARE(view.currentAccount(), QStringLiteral("alice"));
        QTRY_VERIFY(!view.isLoadingContext());
        QCOMPARE(hub.selection().findingId, std::int64_t(1));
        QCOMPARE(int(hub.selection().eventIds.size()), 2);

        // The finding link in the context selects the finding's evidence.
        hub.clear();
        Q_EMIT view.details()->anchorClicked(QUrl(QStringLiteral("finding:1")));
        QCOMPARE(hub.selection().findingId, std::int64_t(1));
        QCOMPARE(int(hub.selection().eventIds.size()), v2::kFinding1Evidence);

        // Clicking through accounts quickly: only the last one's context lands.
        hub.selectAccount(QStringLiteral("bob"));
        hub.selectAccount(QString::fromLatin1(v2::kCarol));
        QTRY_VERIFY(!view.isLoadingContext());
        QTest::qWait(50); // a superseded read would have arrived by now
        QVERIFY2(view.header().contains(QStringLiteral("Sales")), qPrintable(view.header()));
        QVERIFY(!view.header().contains(QStringLiteral("bob")));
    }
};

QTEST_MAIN(TestAccounts)
#include "tst_accounts.moc"
