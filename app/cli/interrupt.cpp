#include "interrupt.h"

#include <unistd.h>

namespace netcase::cli {

namespace {

std::atomic<bool> *g_cancel = nullptr;

void onSignal(int sig)
{
    if (!g_cancel || g_cancel->exchange(true)) {
        // The second time: the user means it.
        std::signal(sig, SIG_DFL);
        std::raise(sig);
        return;
    }
    // What was kept is said when the command stops (an import cancelled during its analysis
    // keeps its events).
    static constexpr char kMessage[] = "\nnetcase: cancelling (interrupt again to stop at once)\n";
    // write(2) is async-signal-safe; nothing can be done about a failed write to stderr.
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
}

void install(int sig, struct sigaction &old)
{
    struct sigaction act
    {
    };
    act.sa_handler = onSignal;
    sigemptyset(&act.sa_mask);
    sigaction(sig, nullptr, &old);
    if (old.sa_handler != SIG_IGN)
        sigaction(sig, &act, nullptr);
}

} // namespace

CancelOnInterrupt::CancelOnInterrupt(std::atomic<bool> &cancel)
{
    g_cancel = &cancel;
    install(SIGINT, m_oldInt);
    install(SIGTERM, m_oldTerm);
}

CancelOnInterrupt::~CancelOnInterrupt()
{
    sigaction(SIGINT, &m_oldInt, nullptr);
    sigaction(SIGTERM, &m_oldTerm, nullptr);
    g_cancel = nullptr;
}

} // namespace netcase::cli
