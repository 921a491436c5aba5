#pragma once

// A read of the case that runs on a worker thread, with a database connection of its own, and
// hands its result back to the owner's (GUI) thread, so that a model over a million-event case
// does not freeze the window while it queries. A newer start() supersedes the load in flight:
// only the latest result is delivered, and the superseded read's SQL stops at its next check
// (a progress handler on the worker's connection), freeing the worker thread at once.
// Destroying the CaseLoad cancels and waits for a running read.

#include "case/casesession.h"
#include "core/result.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>

namespace netcase {

template<typename T>
class CaseLoad
{
public:
    /// Runs on the worker: reads what the owner needs. It may return early once cancel is set.
    using Read = std::function<T(const Database &db, const std::atomic<bool> &cancel)>;
    /// Runs on the owner's thread with the result of the latest start().
    using Done = std::function<void(T result)>;

    CaseLoad(QObject *owner, Done done)
        : m_done(std::move(done))
    {
        QObject::connect(&m_watcher, &QFutureWatcher<std::shared_ptr<T>>::finished, owner,
                         [this] { finished(); });
    }
    ~CaseLoad()
    {
        cancel();
        m_watcher.waitForFinished();
    }
    CaseLoad(const CaseLoad &) = delete;
    CaseLoad &operator=(const CaseLoad &) = delete;

    /// Starts reading session's case on a worker; the error when no connection can be opened.
    Status start(const CaseSession &session, Read read)
    {
        cancel();
        auto conn = session.openWorkerConnection();
        if (!conn)
            return makeError(conn.error().message);
        auto caseFile = std::make_shared<CaseFile>(std::move(*conn));
        auto cancelled = std::make_shared<std::atomic<bool>>(false);
        caseFile->db().setCancelFlag(cancelled.get()); // both live as long as the task
        m_cancel = cancelled;
        m_watcher.setFuture(QtConcurrent::run([caseFile, cancelled, read = std::move(read)] {
            // A load superseded before it started returns at once.
            return cancelled->load() ? std::shared_ptr<T>()
                                     : std::make_shared<T>(read(caseFile->db(), *cancelled));
        }));
        return {};
    }
    /// Drops the load in flight: its result will not be delivered and its SQL stops.
    void cancel()
    {
        if (m_cancel)
            m_cancel->store(true);
        m_cancel.reset();
    }
    bool running() const { return m_cancel != nullptr; }

private:
    void finished()
    {
        if (!m_cancel || m_cancel->load())
            return; // superseded or cancelled
        m_cancel.reset();
        std::shared_ptr<T> result = m_watcher.result();
        m_done(result ? std::move(*result) : T{});
    }

    QFutureWatcher<std::shared_ptr<T>> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel; ///< of the load in flight
    Done m_done;
};

} // namespace netcase
