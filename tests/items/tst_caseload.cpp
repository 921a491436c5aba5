// CaseLoad, the worker-thread read behind the views: it delivers a result on the owner's
// thread, delivers only the latest of several starts, and a cancelled or superseded read stops
// its SQL at once instead of holding a worker thread until the query ends.

#include "common/testutil.h"

#include "case/casesession.h"
#include "case/sqlite.h"
#include "items/caseload.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <thread>

using namespace netcase;

namespace {

struct Read
{
    std::int64_t value = 0;
    bool completed = false; ///< the statement ran to its end (not interrupted)
};

// A query that runs for minutes unless interrupted: counting to ten billion.
constexpr const char *kEndless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                 "WHERE x < 10000000000) SELECT count(*) FROM c";

Read runEndless(const Database &db, std::atomic<bool> *started)
{
    Statement st = db.prepare(kEndless);
    started->store(true);
    Read r;
    r.completed = st.step();
    return r;
}

} // namespace

class TestCaseLoad : public QObject
{
    Q_OBJECT
    std::unique_ptr<CaseSession> m_session;

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = test::tempPath(QStringLiteral("caseload.netcase"));
        auto c = CaseFile::create(path, CaseInfo{QStringLiteral("load")});
        QVERIFY(c);
        m_session = std::make_unique<CaseSession>(std::move(*c), false);
    }

    void deliversOnTheOwnersThreadOnlyTheLatest()
    {
        QObject owner;
        std::vector<std::int64_t> delivered;
        Qt::HANDLE deliveredOn = nullptr;
        CaseLoad<Read> load(&owner, [&](Read r) {
            delivered.push_back(r.value);
            deliveredOn = QThread::currentThreadId();
        });
        for (std::int64_t v : {1, 2, 3}) {
            QVERIFY(load.start(*m_session, [v](const Database &db, const std::atomic<bool> &) {
                return Read{db.scalar("SELECT " + std::to_string(v * 10)), true};
            }));
        }
        QVERIFY(load.running());
        QTRY_VERIFY(!load.running());
        QTest::qWait(50); // a superseded result would have arrived by now
        QCOMPARE(delivered, std::vector<std::int64_t>{30});
        QCOMPARE(deliveredOn, QThread::currentThreadId());
    }

    void cancelStopsTheRunningQuery()
    {
        QObject owner;
        int delivered = 0;
        std::atomic<bool> started{false};
        QElapsedTimer sinceCancel;
        std::atomic<qint64> stoppedAfterMs{-1};
        {
            CaseLoad<Read> load(&owner, [&](Read) { ++delivered; });
            QVERIFY(load.start(*m_session, [&](const Database &db, const std::atomic<bool> &) {
                Read r = runEndless(db, &started);
                stoppedAfterMs = sinceCancel.isValid() ? sinceCancel.elapsed() : -1;
                return r;
            }));
            QTRY_VERIFY(started.load());
            std::this_thread::sleep_for(std::chrono::milliseconds(100)); // inside the query
            sinceCancel.start();
            load.cancel();
            QVERIFY(!load.running());
        } // the destructor waits for the worker: it must not wait for the count to finish
        QVERIFY2(stoppedAfterMs >= 0 && stoppedAfterMs < 2000,
                 qPrintable(QString::number(stoppedAfterMs.load())));
        QTest::qWait(20);
        QCOMPARE(delivered, 0);
    }

    void supersededQueryStopsAndTheNewOneRuns()
    {
        QObject owner;
        std::vector<std::int64_t> delivered;
        std::atomic<bool> started{false}, firstCompleted{false};
        CaseLoad<Read> load(&owner, [&](Read r) { delivered.push_back(r.value); });
        QVERIFY(load.start(*m_session, [&](const Database &db, const std::atomic<bool> &) {
            Read r = runEndless(db, &started);
            firstCompleted = r.completed;
            return r;
        }));
        QTRY_VERIFY(started.load());
        QVERIFY(load.start(*m_session, [](const Database &db, const std::atomic<bool> &) {
            return Read{db.scalar("SELECT 7"), true};
        }));
        QTRY_VERIFY_WITH_TIMEOUT(!load.running(), 5000);
        QCOMPARE(delivered, std::vector<std::int64_t>{7});
        QVERIFY(!firstCompleted.load());
    }
};

QTEST_GUILESS_MAIN(TestCaseLoad)
#include "tst_caseload.moc"
