#pragma once

// What a background job sees of its JobRunner (jobrunner.h): whether it should stop, and a
// progress channel. progress() only stores the newest value and, when no delivery is on its way,
// asks the owner's thread for one; the owner takes whatever is newest then, about ten times a
// second at most (after a first few at once, so that a short job still shows its steps). A job
// may thus report as often as it likes (every row, every event) without flooding the GUI
// thread, and no caller has to throttle.

#include <QElapsedTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace netcase {

namespace jobdetail {

/// One job's state shared by the worker and the runner; lives as long as either needs it.
template<typename P>
struct Shared
{
    std::atomic<bool> cancel{false};
    std::mutex mutex;        ///< guards latest and posted
    std::optional<P> latest; ///< the newest progress not yet delivered
    bool posted = false;     ///< a delivery has been asked of the owner's thread
    /// Asks the owner's thread for a delivery; set by the runner before the job starts.
    std::function<void()> post;
    // The rate limit, on the owner's thread only: when the next delivery is due if deliveries
    // came exactly at the steady rate (the "generic cell rate algorithm").
    QElapsedTimer clock;
    qint64 nextDueMs = 0;
};

} // namespace jobdetail

template<typename P>
class JobContext
{
public:
    explicit JobContext(std::shared_ptr<jobdetail::Shared<P>> shared)
        : m_shared(std::move(shared))
    {}

    /// True once the runner was asked to cancel, drop or supersede this job.
    bool cancelled() const { return m_shared->cancel.load(std::memory_order_relaxed); }
    /// The same flag, for the model's functions that poll a std::atomic<bool>.
    const std::atomic<bool> &cancelFlag() const { return m_shared->cancel; }

    /// Reports progress; cheap enough to call for every item (one uncontended lock).
    void progress(P value)
    {
        std::unique_lock lock(m_shared->mutex);
        m_shared->latest = std::move(value);
        if (std::exchange(m_shared->posted, true))
            return; // the delivery on its way will take this value
        lock.unlock();
        m_shared->post();
    }

private:
    std::shared_ptr<jobdetail::Shared<P>> m_shared;
};

} // namespace netcase
