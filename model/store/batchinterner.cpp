#include "batchinterner.h"

namespace netcase {

void BatchCollector::begin(InternedEvents &b)
{
    b.count = 0;
    b.lookups.clear();
    b.added.clear();
    b.text.clear();
    b.labelText.clear();
    b.labelEnds.clear();
    b.restart = false;
    // Each batch names its repeating values once, so the interner never needs an earlier batch.
    m_hasLast = {};
}

void BatchCollector::add(Event &e, InternedEvents &b)
{
    if (b.count == b.rows.size())
        b.rows.emplace_back();
    EventInts &row = b.rows[b.count];
    fillNumbers(e, row);
    for (const TextColumn &c : kTextColumns) {
        const std::string &s = e.*c.field;
        std::int64_t &cell = row[size_t(c.column)];
        cell = 0;
        if (s.empty())
            continue;
        if (c.repeats) {
            const auto col = size_t(c.column);
            if (m_hasLast[col] && m_last[col] == s) {
                cell = InternedEvents::kSameAsAbove;
                continue;
            }
            m_last[col].assign(s);
            m_hasLast[col] = true;
        }
        b.lookups.push_back({std::uint32_t(b.count), std::uint32_t(b.text.size()),
                             std::uint32_t(s.size()), std::uint8_t(c.column), c.ip});
        b.text.append(s);
    }
    b.labelText.append(e.labels);
    b.labelEnds.push_back(std::uint32_t(b.labelText.size()));
    ++b.count;
}

BatchInterner::BatchInterner(std::uint32_t maxIds, size_t mapBytes)
    : m_strs(mapBytes)
    , m_ips(mapBytes)
    , m_maxIds(maxIds)
    , m_mapBytes(mapBytes)
{}

std::uint32_t
BatchInterner::lookup(const InternedEvents::Lookup &l, std::uint64_t hash, InternedEvents &b)
{
    InternMap &map = l.ip ? m_ips : m_strs;
    const std::string_view s = b.textOf(l);
    auto id = std::uint32_t(map.find(s, hash));
    if (!id) {
        id = m_next++;
        map.insert(s, id, hash);
        b.added.push_back({id, l.ip, l.offset, l.length});
    }
    return id;
}

void BatchInterner::intern(InternedEvents &b)
{
    b.added.clear();
    b.restart = false;
    if (m_next > m_maxIds) {
        m_strs = InternMap(m_mapBytes);
        m_ips = InternMap(m_mapBytes);
        m_next = 1;
        b.restart = true;
    }
    // Hash and prefetch kLag strings ahead of the one looked up, so the cache misses overlap.
    const size_t n = b.lookups.size();
    m_hashes.resize(n);
    for (size_t i = 0; i < n + kLag; ++i) {
        if (i < n) {
            const InternedEvents::Lookup &l = b.lookups[i];
            m_hashes[i] = InternMap::hashOf(b.textOf(l));
            (l.ip ? m_ips : m_strs).prefetchSlot(m_hashes[i]);
        }
        if (i >= kLag) {
            const InternedEvents::Lookup &l = b.lookups[i - kLag];
            b.rows[l.row][l.column] = lookup(l, m_hashes[i - kLag], b);
        }
    }
    for (const TextColumn &c : kTextColumns) {
        if (!c.repeats)
            continue;
        std::int64_t above = 0;
        for (size_t r = 0; r < b.count; ++r) {
            std::int64_t &cell = b.rows[r][size_t(c.column)];
            if (cell == InternedEvents::kSameAsAbove)
                cell = above;
            else if (cell != 0)
                above = cell;
        }
    }
}

} // namespace netcase
