// The virtualised event table model: correct rows, paging, filtering, time sort, loading on a
// worker (a newer filter supersedes a load in flight), and the QAbstractItemModelTester contract.

#include "common/testutil.h"

#include "case/casesession.h"
#include "ingest/importjob.h"
#include "items/eventtablemodel.h"
#include "items/roles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace netcase;

namespace {

/// Waits until the model's ids are in place (loads run on a worker thread).
bool loaded(EventTableModel &model)
{
    if (!model.isLoading())
        return true;
    QSignalSpy spy(&model, &EventTableModel::loaded);
    return spy.wait(30000) && !model.isLoading();
}

/// A model over the session with its rows loaded; ip is set to the address on row 10.
bool loadedWithIpOfRow10(EventTableModel &model, CaseSession *session, QString &ip)
{
    model.setSession(session);
    if (!loaded(model))
        return false;
    ip = model.index(10, EventTableModel::SourceIp).data().toString();
    return !ip.isEmpty();
}

} // namespace

class TestEventTableModel : public QObject
{
    Q_OBJECT
    std::unique_ptr<CaseSession> m_session;

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = test::tempPath(QStringLiteral("table.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("table")}).ok());
        auto c = CaseFile::open(path);
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        const QString log = test::makeAccessLog(QStringLiteral("t.log"), 3000, 50);
        QVERIFY(ImportJob({log}, ImportOptions{}).run(*c, {}, cancel).ok());
        m_session = std::make_unique<CaseSession>(std::move(c.value()), false);
    }

    void modelContract()
    {
        EventTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(m_session.get());
        QVERIFY(model.isLoading());
        QVERIFY(loaded(model));
        QCOMPARE(model.rowCount(), 3000);
        QCOMPARE(model.caseEvents(), std::int64_t(3000));
        EventFilter f;
        f.outcome = int(Outcome::Failure);
        model.setFilter(f);
        QVERIFY(loaded(model));
        QVERIFY(model.rowCount() > 0);
        QVERIFY(model.rowCount() < 3000);
        QCOMPARE(model.caseEvents(), std::int64_t(3000));
        model.setFilter(EventFilter{});
        model.sort(EventTableModel::Time, Qt::DescendingOrder);
        QVERIFY(loaded(model));
        model.setSession(nullptr);
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 0);
    }

    void rowsAcrossPagesAreInTimeOrder()
    {
        EventTableModel model;
        model.setSession(m_session.get());
        QVERIFY(loaded(model));
        qint64 prev = 0;
        for (int row : {0, 1, 255, 256, 257, 1000, 2999}) {
            const qint64 ts = model.index(row, 0).data(roles::Timestamp).toLongLong();
            QVERIFY(ts >= prev);
            prev = ts;
            QCOMPARE(model.index(row, EventTableModel::Source).data().toString(),
                     QStringLiteral("t.log:%1")
                             .arg(model.index(row, 0).data(roles::Line).toLongLong()));
        }
        model.sort(EventTableModel::Time, Qt::DescendingOrder);
        QVERIFY(model.index(0, 0).data(roles::Timestamp).toLongLong()
                >= model.index(2999, 0).data(roles::Timestamp).toLongLong());
    }

    void filterByIpMatchesQuery()
    {
        EventTableModel model;
        QString ip;
        QVERIFY(loadedWithIpOfRow10(model, m_session.get(), ip));
        EventFilter f;
        f.ips = {ip};
        model.setFilter(f);
        QVERIFY(loaded(model));
        QCOMPARE(std::int64_t(model.rowCount()), EventQuery(m_session->db()).count(f));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, EventTableModel::SourceIp).data().toString(), ip);
        const std::int64_t id = model.eventIdAt(model.rowCount() - 1);
        QCOMPARE(model.rowOfEvent(id), model.rowCount() - 1);
    }

    void newerFilterSupersedesALoadInFlight()
    {
        EventTableModel model;
        QString ip;
        QVERIFY(loadedWithIpOfRow10(model, m_session.get(), ip));
        EventFilter byIp;
        byIp.ips = {ip};
        EventFilter failures;
        failures.outcome = int(Outcome::Failure);
        // Three filters in a row, as when the analyst clicks through a list: the rows shown
        // until the last load lands are the old ones, then exactly those of the last filter,
        // with one reset and one loaded() for it.
        QSignalSpy loads(&model, &EventTableModel::loaded);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setFilter(failures);
        model.setFilter(EventFilter{});
        QCOMPARE(model.rowCount(), 3000);
        model.setFilter(byIp);
        QVERIFY(model.isLoading());
        QVERIFY(loaded(model));
        QTest::qWait(50); // any superseded result would have arrived by now
        QCOMPARE(loads.count(), 1);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(std::int64_t(model.rowCount()), EventQuery(m_session->db()).count(byIp));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, EventTableModel::SourceIp).data().toString(), ip);
    }
};

QTEST_GUILESS_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
