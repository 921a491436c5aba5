// JobRunner, the one background runner of the GUI: progress reaches the owner about ten times a
// second however often a job reports, the newest start wins, cancel still delivers the result,
// drop and destruction deliver nothing and wait for the worker, errors arrive as values on the
// owner's thread.

#include "jobs/jobrunner.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

using namespace netcase;

namespace {

using namespace std::chrono_literals;

/// Reports progress until cancelled, then returns a Cancelled error.
Result<int> spinUntilCancelled(JobContext<int> &job, std::atomic<bool> *started)
{
    started->store(true);
    for (int i = 0; !job.cancelled(); ++i) {
        job.progress(i);
        std::this_thread::sleep_for(1ms);
    }
    return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
}

} // namespace

class TestJobRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void progressIsThrottledByTheRunner()
    {
        std::vector<int> seen;
        std::optional<Result<int>> done;
        JobRunner<int> runner([&](Result<int> r) { done = std::move(r); },
                              [&](const int &p) { seen.push_back(p); });
        QElapsedTimer clock;
        clock.start();
        runner.start([](JobContext<int> &job) -> Result<int> {
            // 10,000 reports over about a second: one every 0.1 ms.
            for (int i = 0; i < 10000; ++i) {
                job.progress(i);
                if (i % 100 == 99)
                    std::this_thread::sleep_for(10ms);
            }
            return 42;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), 20000);
        const qint64 elapsed = clock.elapsed();
        QVERIFY(done->ok());
        QCOMPARE(done->value(), 42);
        // At most one delivery per interval (with 10 % slack for the timer) plus the burst
        // at the start and the final flush.
        const qint64 bound = elapsed / (kJobProgressIntervalMs * 9 / 10) + kJobProgressBurst + 1;
        qInfo("%zu progress deliveries for 10,000 reports in %lld ms", seen.size(), elapsed);
        QVERIFY2(
                qint64(seen.size()) <= bound,
                qPrintable(QStringLiteral("%1 deliveries in %2 ms").arg(seen.size()).arg(elapsed)));
        QVERIFY2(seen.size() >= 3, qPrintable(QString::number(seen.size())));
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.back(), 9999); // the last value reaches the owner before the result
    }

    void newestRequestWins()
    {
        std::vector<int> results, progress;
        std::atomic<bool> started{false}, firstSawCancel{false};
        JobRunner<int> runner([&](Result<int> r) { results.push_back(r ? *r : -1); },
                              [&](const int &p) { progress.push_back(p); });
        runner.start([&](JobContext<int> &job) -> Result<int> {
            started = true;
            while (!job.cancelled())
                job.progress(-1); // the superseded job's progress: never delivered once it is
            firstSawCancel = true;
            return 1;
        });
        QTRY_VERIFY(started.load());
        QTRY_VERIFY(!progress.empty()); // its progress is delivered while it is current
        runner.start([](JobContext<int> &job) -> Result<int> {
            job.progress(7);
            return 2;
        });
        const std::size_t before = progress.size();
        QVERIFY(runner.running());
        QTRY_VERIFY(!runner.running());
        QTRY_VERIFY(firstSawCancel.load());
        QTest::qWait(2 * kJobProgressIntervalMs); // a late delivery would have arrived by now
        QCOMPARE(results, std::vector<int>{2});
        QCOMPARE(std::vector<int>(progress.begin() + qsizetype(before), progress.end()),
                 std::vector<int>{7});
    }

    void cancelStopsAndStillDelivers()
    {
        std::optional<Result<int>> done;
        std::atomic<bool> started{false};
        JobRunner<int> runner([&](Result<int> r) { done = std::move(r); });
        runner.start([&](JobContext<int> &job) { return spinUntilCancelled(job, &started); });
        QTRY_VERIFY(started.load());
        runner.cancel();
        QVERIFY(runner.running()); // until the result is in
        QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), 5000);
        QVERIFY(!runner.running());
        QVERIFY(!done->ok());
        QCOMPARE(done->error().code, ErrorCode::Cancelled);
    }

    void dropDeliversNothing()
    {
        int delivered = 0, progressed = 0;
        std::atomic<bool> started{false};
        JobRunner<int> runner([&](Result<int>) { ++delivered; },
                              [&](const int &) { ++progressed; });
        runner.start([&](JobContext<int> &job) { return spinUntilCancelled(job, &started); });
        QTRY_VERIFY(started.load());
        QTRY_VERIFY(progressed > 0);
        runner.drop();
        const int progressedBefore = progressed;
        QVERIFY(!runner.running());
        runner.wait(); // returns: the job saw the flag
        QTest::qWait(2 * kJobProgressIntervalMs);
        QCOMPARE(delivered, 0);
        QCOMPARE(progressed, progressedBefore);
    }

    void destructionWaitsAndDeliversNothingLate()
    {
        int delivered = 0, progressed = 0;
        std::atomic<bool> started{false}, secondStarted{false}, returned{false};
        {
            auto runner = std::make_unique<JobRunner<int>>([&](Result<int>) { ++delivered; },
                                                           [&](const int &) { ++progressed; });
            // Two jobs, the first superseded: the destructor must wait for both.
            runner->start([&](JobContext<int> &job) {
                Result<int> r = spinUntilCancelled(job, &started);
                std::this_thread::sleep_for(50ms); // slow to wind down
                return r;
            });
            QTRY_VERIFY(started.load());
            runner->start([&](JobContext<int> &job) -> Result<int> {
                secondStarted = true;
                while (!job.cancelled())
                    job.progress(1);
                std::this_thread::sleep_for(100ms);
                returned = true;
                return 0;
            });
            // (A job dropped before it starts never runs: wait until this one runs.)
            QTRY_VERIFY(secondStarted.load());
            QTRY_VERIFY(progressed > 0);
            runner.reset(); // the owner closes mid-job
            QVERIFY(returned.load());
        }
        const int progressedBefore = progressed;
        QTest::qWait(2 * kJobProgressIntervalMs);
        QCOMPARE(delivered, 0);
        QCOMPARE(progressed, progressedBefore);
    }

    void errorsArriveAsValuesOnTheOwnersThread()
    {
        std::optional<Result<QString>> done;
        Qt::HANDLE deliveredOn = nullptr, ranOn = nullptr;
        JobRunner<QString> runner([&](Result<QString> r) {
            deliveredOn = QThread::currentThreadId();
            done = std::move(r);
        });
        runner.start([&](JobContext<int> &) -> Result<QString> {
            ranOn = QThread::currentThreadId();
            return makeError(QStringLiteral("no such table"), ErrorCode::Data);
        });
        QTRY_VERIFY(done.has_value());
        QVERIFY(!done->ok());
        QCOMPARE(done->error().message, QStringLiteral("no such table"));
        QCOMPARE(done->error().code, ErrorCode::Data);
        QCOMPARE(deliveredOn, QThread::currentThreadId());
        QVERIFY(ranOn != QThread::currentThreadId());
    }

    void doneMayStartTheNextJob()
    {
        // GraphView lays out again from its done handler: the runner must allow that.
        std::vector<int> results;
        JobRunner<int> *self = nullptr;
        JobRunner<int> runner([&](Result<int> r) {
            results.push_back(*r);
            if (*r < 3)
                self->start([n = *r + 1](JobContext<int> &) -> Result<int> { return n; });
        });
        self = &runner;
        runner.start([](JobContext<int> &) -> Result<int> { return 1; });
        QTRY_COMPARE(results.size(), std::size_t(3));
        QCOMPARE(results, (std::vector<int>{1, 2, 3}));
        QVERIFY(!runner.running());
    }
};

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
