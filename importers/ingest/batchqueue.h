#pragma once

// A small bounded blocking queue between the parser thread and the database thread. close()
// ends the stream (pop drains what is left, then returns nothing); abort() wakes everyone and
// makes both push and pop fail at once, which is how cancel and storage errors stop a parser.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace netcase {

template<typename T>
class BatchQueue
{
public:
    explicit BatchQueue(size_t capacity)
        : m_capacity(capacity)
    {}

    /// Blocks while full; false when the queue was aborted (the item is dropped).
    bool push(T item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_aborted || m_items.size() < m_capacity; });
        if (m_aborted)
            return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }
    /// Blocks while empty; nothing once closed and drained, or aborted.
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return m_aborted || m_closed || !m_items.empty(); });
        if (m_aborted || m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }
    void abort()
    {
        std::lock_guard lock(m_mutex);
        m_aborted = true;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<T> m_items;
    size_t m_capacity;
    bool m_closed = false;
    bool m_aborted = false;
};

} // namespace netcase
