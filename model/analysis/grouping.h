#pragma once

// Event indices grouped by a dense id (an account's string id or an address id), built once per
// analysis run with a counting sort (no hashing) and shared by the detections and the context.
// Each group keeps the events' time order.

#include "dataset.h"

#include <cstdint>
#include <span>
#include <vector>

namespace netcase {

class Grouping
{
public:
    Grouping() = default;

    /// Groups every event whose key(e) is in 1..keys-1; key 0 (and anything out of range) is
    /// left out.
    template<typename KeyFn>
    static Grouping build(const std::vector<Ev> &events, std::size_t keys, KeyFn key)
    {
        Grouping g;
        g.m_start.assign(keys + 1, 0);
        for (const Ev &e : events) {
            const auto k = std::size_t(std::uint32_t(key(e)));
            if (k > 0 && k < keys)
                ++g.m_start[k + 1];
        }
        for (std::size_t k = 1; k <= keys; ++k)
            g.m_start[k] += g.m_start[k - 1];
        g.m_idx.resize(g.m_start[keys]);
        std::vector<std::uint32_t> next(g.m_start.begin(), g.m_start.end() - 1);
        for (std::size_t i = 0; i < events.size(); ++i) {
            const auto k = std::size_t(std::uint32_t(key(events[i])));
            if (k > 0 && k < keys)
                g.m_idx[next[k]++] = std::uint32_t(i);
        }
        return g;
    }

    /// One past the largest key.
    std::size_t keys() const { return m_start.empty() ? 0 : m_start.size() - 1; }
    /// The events of one key, in time order (empty for an unknown key).
    std::span<const std::uint32_t> operator[](std::int64_t key) const
    {
        if (key <= 0 || std::size_t(key) >= keys())
            return {};
        const auto k = std::size_t(key);
        return {m_idx.data() + m_start[k], m_idx.data() + m_start[k + 1]};
    }

    /// Calls fn(event) for each event of one key in time order, fetching a few events ahead
    /// (a group's events are spread over the whole list).
    template<typename Fn>
    void forEach(const std::vector<Ev> &events, std::int64_t key, Fn fn) const
    {
        const auto idx = (*this)[key];
        constexpr std::size_t kAhead = 8;
        for (std::size_t k = 0; k < idx.size(); ++k) {
            if (k + kAhead < idx.size())
                __builtin_prefetch(&events[idx[k + kAhead]]);
            fn(events[idx[k]]);
        }
    }

private:
    std::vector<std::uint32_t> m_start; ///< keys + 1 offsets into m_idx
    std::vector<std::uint32_t> m_idx;
};

} // namespace netcase
