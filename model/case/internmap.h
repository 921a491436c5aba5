#pragma once

// The writer's cache of interned strings (text -> row id in strs or ips). Lookups take a
// string_view and allocate nothing; the cache is bounded so that a huge file with millions of
// distinct URLs or user agents cannot grow memory without limit: when full it is emptied and
// refills from the hot strings (a miss costs one indexed lookup in the case, never a wrong id).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace netcase {

class InternMap
{
public:
    /// About 100 bytes per entry plus the text: the default bound keeps it near 60 MB.
    static constexpr size_t kDefaultMaxBytes = 48u << 20;

    explicit InternMap(size_t maxBytes = kDefaultMaxBytes)
        : m_maxBytes(maxBytes)
    {}

    /// The id of s, or 0 when it is not cached.
    std::int64_t find(std::string_view s) const
    {
        const auto it = m_map.find(s);
        return it == m_map.end() ? 0 : it->second;
    }
    void insert(std::string_view s, std::int64_t id)
    {
        m_bytes += s.size() + kEntryOverhead;
        if (m_bytes > m_maxBytes) {
            m_map.clear();
            m_bytes = s.size() + kEntryOverhead;
            ++m_evictions;
        }
        m_map.emplace(std::string(s), id);
    }
    size_t size() const { return m_map.size(); }
    int evictions() const { return m_evictions; }

private:
    static constexpr size_t kEntryOverhead = 64;

    struct Hash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> m_map;
    size_t m_bytes = 0;
    size_t m_maxBytes;
    int m_evictions = 0;
};

} // namespace netcase
