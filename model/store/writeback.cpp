#include "writeback.h"

#include <chrono>

#ifdef __linux__
#include <fcntl.h>
#include <unistd.h>
#endif

namespace netcase {

namespace {

constexpr auto kInterval = std::chrono::milliseconds(40);

} // namespace

WritebackPacer::WritebackPacer(std::vector<std::string> paths)
    : m_paths(std::move(paths))
    , m_fds(m_paths.size(), -1)
{
#ifdef __linux__
    m_thread = std::thread([this] { run(); });
#endif
}

WritebackPacer::~WritebackPacer()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
#ifdef __linux__
    for (int fd : m_fds) {
        if (fd >= 0)
            ::close(fd);
    }
#endif
}

int WritebackPacer::started() const
{
    const std::lock_guard lock(m_mutex);
    return m_started;
}

void WritebackPacer::run()
{
#ifdef __linux__
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, kInterval, [this] { return m_stop; })) {
        lock.unlock();
        int started = 0;
        for (size_t i = 0; i < m_paths.size(); ++i) {
            if (m_fds[i] < 0)
                m_fds[i] = ::open(m_paths[i].c_str(), O_RDONLY | O_CLOEXEC);
            // Queues the dirty pages for writing and returns; a failure only loses the head start.
            if (m_fds[i] >= 0 && ::sync_file_range(m_fds[i], 0, 0, SYNC_FILE_RANGE_WRITE) == 0)
                ++started;
        }
        lock.lock();
        m_started += started;
    }
#endif
}

} // namespace netcase
