#pragma once

// Ctrl-C on a long command (import, enrich, analyze, report) cancels it the way the GUI's Cancel
// button does: the work stops at its next check and the case is left as it was, instead of the
// process dying mid-transaction with the case locked and a journal to roll back.

#include <atomic>
#include <csignal>

namespace netcase::cli {

/// While alive, SIGINT and SIGTERM set cancel and print that the command is cancelling; a
/// second signal ends the process at once. A signal the shell had ignored (a background job)
/// stays ignored. One at a time.
class CancelOnInterrupt
{
public:
    explicit CancelOnInterrupt(std::atomic<bool> &cancel);
    ~CancelOnInterrupt();
    CancelOnInterrupt(const CancelOnInterrupt &) = delete;
    CancelOnInterrupt &operator=(const CancelOnInterrupt &) = delete;

private:
    struct sigaction m_oldInt
    {
    };
    struct sigaction m_oldTerm
    {
    };
};

} // namespace netcase::cli
