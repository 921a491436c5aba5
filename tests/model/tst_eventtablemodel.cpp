// The virtualised event table model: correct rows, paging, filtering, time sort, and the
// QAbstractItemModelTester contract.

#include "common/testutil.h"

#include "api/importjob.h"
#include "case/casesession.h"
#include "items/eventtablemodel.h"
#include "items/roles.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace netcase;

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
        QCOMPARE(model.rowCount(), 3000);
        EventFilter f;
        f.outcome = int(Outcome::Failure);
        model.setFilter(f);
        QVERIFY(model.rowCount() > 0);
        QVERIFY(model.rowCount() < 3000);
        model.setFilter(EventFilter{});
        model.sort(EventTableModel::Time, Qt::DescendingOrder);
        model.setSession(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void rowsAcrossPagesAreInTimeOrder()
    {
        EventTableModel model;
        model.setSession(m_session.get());
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
        model.setSession(m_session.get());
        const QString ip = model.index(10, EventTableModel::SourceIp).data().toString();
        EventFilter f;
        f.ips = {ip};
        model.setFilter(f);
        QCOMPARE(std::int64_t(model.rowCount()), EventQuery(m_session->db()).count(f));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, EventTableModel::SourceIp).data().toString(), ip);
        const std::int64_t id = model.eventIdAt(model.rowCount() - 1);
        QCOMPARE(model.rowOfEvent(id), model.rowCount() - 1);
    }
};

QTEST_GUILESS_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
