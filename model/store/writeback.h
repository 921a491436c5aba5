#pragma once

// Starts the operating system's write-back of a file while it is still being written.
//
// A large import writes tens of megabytes into the case's page cache, which Linux flushes to disk
// only after 30 seconds or at the commit's fsync. That fsync then waits for all of it at once, a
// serial tail of a fifth of a second on a 1M-line import. A pacer asks the kernel every few
// milliseconds to start writing what is dirty (sync_file_range(SYNC_FILE_RANGE_WRITE), which only
// queues the I/O) from its own thread, so the disk works while the import still parses and the
// final fsync finds little left. Durability still comes from SQLite's own syncs; this only moves
// the disk's work earlier. Elsewhere than Linux it does nothing.

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace netcase {

class WritebackPacer
{
public:
    /// Paces the files at paths (those that do not exist yet are looked for again at each tick).
    explicit WritebackPacer(std::vector<std::string> paths);
    ~WritebackPacer();
    WritebackPacer(const WritebackPacer &) = delete;
    WritebackPacer &operator=(const WritebackPacer &) = delete;

    /// How many write-backs were started (for tests).
    int started() const;

private:
    void run();

    std::vector<std::string> m_paths;
    std::vector<int> m_fds;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    int m_started = 0;
    std::thread m_thread;
};

} // namespace netcase
