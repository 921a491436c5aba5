#pragma once

// A read of the case that runs on a worker thread, with a database connection of its own, and
// hands its result back to the owner's (GUI) thread, so that a model over a million-event case
// does not freeze the window while it queries. A JobRunner (jobs/jobrunner.h) runs it: a newer
// start() supersedes the load in flight, only the latest result is delivered, and the
// superseded read's SQL stops at its next check (a progress handler on the worker's connection
// polls the job's cancel flag), freeing the worker thread at once. Destroying the CaseLoad
// cancels and waits for every read it started.

#include "case/casesession.h"
#include "core/result.h"
#include "jobs/jobrunner.h"

#include <QObject>

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

    /// owner: the object the CaseLoad is a member of (results arrive on its thread).
    CaseLoad([[maybe_unused]] QObject *owner, Done done)
        : m_runner([done = std::move(done)](Result<T> r) { done(r ? std::move(r).value() : T{}); })
    {}

    /// Starts reading session's case on a worker; the error when no connection can be opened.
    Status start(const CaseSession &session, Read read)
    {
        m_runner.drop();
        auto conn = session.openWorkerConnection();
        if (!conn)
            return makeError(conn.error().message);
        auto caseFile = std::make_shared<CaseFile>(std::move(*conn));
        m_runner.start([caseFile, read = std::move(read)](JobContext<int> &job) -> Result<T> {
            Database &db = caseFile->db();
            db.setCancelFlag(&job.cancelFlag());
            T result = read(db, job.cancelFlag());
            db.setCancelFlag(nullptr); // the flag goes with the job, the connection may stay
            return result;
        });
        return {};
    }
    /// Drops the load in flight: its result will not be delivered and its SQL stops.
    void cancel() { m_runner.drop(); }
    bool running() const { return m_runner.running(); }

private:
    JobRunner<T> m_runner;
};

} // namespace netcase
