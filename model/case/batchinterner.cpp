#include "batchinterner.h"

namespace netcase {

BatchInterner::BatchInterner(std::uint32_t maxIds, size_t mapBytes)
    : m_strs(mapBytes)
    , m_ips(mapBytes)
    , m_maxIds(maxIds)
    , m_mapBytes(mapBytes)
{}

void BatchInterner::begin(InternedEvents &b)
{
    b.count = 0;
    b.added.clear();
    b.text.clear();
    b.restart = false;
    m_pending.clear();
    m_resolved = 0;
    if (m_next > m_maxIds) {
        m_strs = InternMap(m_mapBytes);
        m_ips = InternMap(m_mapBytes);
        m_memo = {};
        m_next = 1;
        b.restart = true;
    }
}

std::uint32_t BatchInterner::lookup(
        bool ip, std::string_view s, std::uint64_t hash, std::uint32_t offset, InternedEvents &b)
{
    InternMap &map = ip ? m_ips : m_strs;
    auto id = std::uint32_t(map.find(s, hash));
    if (!id) {
        id = m_next++;
        map.insert(s, id, hash);
        b.added.push_back({id, ip, offset, std::uint32_t(s.size())});
    }
    return id;
}

std::uint32_t
BatchInterner::internRepeated(const TextColumn &c, std::string_view s, InternedEvents &b)
{
    Memo &memo = m_memo[size_t(c.column)];
    if (memo.id && memo.text == s)
        return memo.id;
    const auto offset = std::uint32_t(b.text.size());
    b.text.append(s);
    memo.text.assign(s);
    memo.id = lookup(c.ip, s, InternMap::hashOf(s), offset, b);
    return memo.id;
}

void BatchInterner::resolve(const Pending &p, InternedEvents &b)
{
    const std::string_view s(b.text.data() + p.offset, p.length);
    b.rows[p.row][p.column] = lookup(p.ip, s, p.hash, p.offset, b);
}

void BatchInterner::add(Event &e, InternedEvents &b)
{
    if (b.count == b.rows.size()) {
        b.rows.emplace_back();
        b.labels.emplace_back();
    }
    EventInts &row = b.rows[b.count];
    fillNumbers(e, row);
    for (const TextColumn &c : kTextColumns) {
        const std::string &s = e.*c.field;
        std::int64_t &cell = row[size_t(c.column)];
        if (s.empty()) {
            cell = 0;
        } else if (c.repeats) {
            cell = internRepeated(c, s, b);
        } else {
            const std::uint64_t hash = InternMap::hashOf(s);
            (c.ip ? m_ips : m_strs).prefetchSlot(hash);
            m_pending.push_back({hash, std::uint32_t(b.count), std::uint32_t(b.text.size()),
                                 std::uint32_t(s.size()), std::uint8_t(c.column), c.ip});
            b.text.append(s);
            cell = 0;
        }
    }
    b.labels[b.count].swap(e.labels);
    ++b.count;
    while (m_pending.size() - m_resolved > kLag)
        resolve(m_pending[m_resolved++], b);
}

void BatchInterner::seal(InternedEvents &b)
{
    while (m_resolved < m_pending.size())
        resolve(m_pending[m_resolved++], b);
}

} // namespace netcase
