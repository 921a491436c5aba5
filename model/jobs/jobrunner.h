#pragma once

// The one way the GUI runs work in the background. A JobRunner belongs to an object on the GUI
// thread (its owner, of which it is a member), runs jobs on Qt's thread pool (QtConcurrent::run
// with a QPromise) and wants the result of one at a time; a job is a function returning
// Result<T>:
//   - start() supersedes the job in flight: it is cancelled and neither its progress nor its
//     result is ever delivered, so the newest request wins (loads that follow a selection);
//     owners that must not run two jobs at once check running() first (import, exports);
//   - cancel() asks the job to stop and still delivers its result (usually a Cancelled error),
//     drop() asks it to stop and delivers nothing;
//   - progress (JobContext::progress) reaches the owner's thread about ten times a second at
//     most (a few at once at first), always the newest value, and the last one before the
//     result;
//   - the result, value or Error, is handed to done on the owner's thread;
//   - the destructor drops the job and waits for every job it started, superseded ones
//     included, so no worker outlives the owner and nothing arrives after it is gone.

#include "core/result.h"
#include "jobs/jobcontext.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace netcase {

/// Progress reaches the owner at most once per interval (about ten times a second) on average,
/// with up to kJobProgressBurst deliveries at once: the first steps of a job, or a short job's
/// steps, are shown, and a long job's reports are thinned to the rate.
inline constexpr int kJobProgressIntervalMs = 100;
inline constexpr int kJobProgressBurst = 3;

template<typename T, typename P = int>
class JobRunner
{
public:
    using Context = JobContext<P>;
    /// Runs on a worker thread.
    using Body = std::function<Result<T>(Context &job)>;
    /// Run on the owner's thread.
    using Done = std::function<void(Result<T> result)>;
    using Progress = std::function<void(const P &progress)>;

    explicit JobRunner(Done done, Progress progress = {})
        : m_done(std::move(done))
        , m_progress(std::move(progress))
    {
        QObject::connect(&m_watcher, &QFutureWatcherBase::finished, &m_watcher,
                         [this] { finished(); });
    }
    ~JobRunner()
    {
        drop();
        wait();
    }
    JobRunner(const JobRunner &) = delete;
    JobRunner &operator=(const JobRunner &) = delete;

    /// Runs body on a worker; the job in flight, if any, is superseded (see above).
    void start(Body body)
    {
        drop();
        std::erase_if(m_started, [](const QFuture<Outcome> &f) { return f.isFinished(); });
        auto shared = std::make_shared<Shared>();
        shared->post = [this, weak = std::weak_ptr<Shared>(shared)] {
            // m_watcher outlives every worker (the destructor waits), and Qt drops the call if
            // the runner is destroyed before the owner's thread gets to it.
            QMetaObject::invokeMethod(
                    &m_watcher, [this, weak] { progressPosted(weak.lock()); },
                    Qt::QueuedConnection);
        };
        m_current = shared;
        QFuture<Outcome> future = QtConcurrent::run(
                [shared, body = std::move(body)](QPromise<Outcome> &promise) mutable {
                    Context job(shared);
                    auto result = std::make_shared<Result<T>>(body(job));
                    // What the body holds (a connection, the owner's data) goes before the
                    // future reports finished, so that wait() also waits for its release.
                    body = nullptr;
                    promise.addResult(std::move(result));
                });
        m_started.push_back(future);
        m_watcher.setFuture(future); // forgets the superseded future's pending signals
    }
    /// Asks the running job to stop; its result is still delivered.
    void cancel()
    {
        if (m_current)
            m_current->cancel.store(true);
    }
    /// Asks the running job to stop and forgets it: nothing of it is delivered.
    void drop()
    {
        if (!m_current)
            return;
        m_current->cancel.store(true);
        m_current.reset();
        // A job still queued in the pool is then skipped without running at all.
        m_watcher.future().cancel();
    }
    /// Blocks until every job started here has returned; the result arrives later, through
    /// the owner's event loop (close, tests).
    void wait()
    {
        for (QFuture<Outcome> &f : m_started)
            f.waitForFinished();
        m_started.clear();
    }
    /// True from start() until the result is delivered or the job dropped.
    bool running() const { return m_current != nullptr; }

private:
    using Shared = jobdetail::Shared<P>;
    using Outcome = std::shared_ptr<Result<T>>;

    void progressPosted(const std::shared_ptr<Shared> &shared)
    {
        if (!shared || shared != m_current)
            return; // superseded or dropped
        if (!shared->clock.isValid())
            shared->clock.start();
        // Early by up to burst - 1 intervals is allowed: that is the burst.
        const qint64 wait = shared->nextDueMs - (kJobProgressBurst - 1) * kJobProgressIntervalMs
                            - shared->clock.elapsed();
        if (wait <= 0) {
            deliverProgress(shared);
            return;
        }
        QTimer::singleShot(int(wait), Qt::PreciseTimer, &m_watcher,
                           [this, weak = std::weak_ptr<Shared>(shared)] {
                               if (auto s = weak.lock(); s && s == m_current)
                                   deliverProgress(s);
                           });
    }
    void deliverProgress(const std::shared_ptr<Shared> &shared)
    {
        std::optional<P> value;
        {
            std::lock_guard lock(shared->mutex);
            value = std::move(shared->latest);
            shared->latest.reset();
            shared->posted = false;
        }
        if (shared->clock.isValid()) {
            const qint64 now = shared->clock.elapsed();
            shared->nextDueMs = std::max(shared->nextDueMs, now) + kJobProgressIntervalMs;
        }
        // May re-enter (a modal progress dialog processes events): nothing may follow.
        if (value && m_progress)
            m_progress(*value);
    }
    void finished()
    {
        const std::shared_ptr<Shared> shared = m_current;
        if (!shared)
            return;              // dropped (a superseded future's signals never reach the watcher)
        deliverProgress(shared); // the newest value, so the owner sees the final state
        if (shared != m_current)
            return; // the progress handler started, dropped or finished a job
        m_current.reset();
        const QFuture<Outcome> future = m_watcher.future();
        Result<T> result = future.resultCount() > 0 && future.result()
                                   ? std::move(*future.result())
                                   : Result<T>(makeError(QStringLiteral("The job ended "
                                                                        "without a result.")));
        m_done(std::move(result));
    }

    QFutureWatcher<Outcome> m_watcher;
    std::vector<QFuture<Outcome>> m_started; ///< every job not yet seen to finish
    std::shared_ptr<Shared> m_current;       ///< the job whose result is still wanted
    Done m_done;
    Progress m_progress;
};

} // namespace netcase
