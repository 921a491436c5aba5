#include "correlation.h"

#include "context.h"
#include "detect.h"
#include "rules.h"

#include "case/sqlite.h"

#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace netcase {

namespace {

class UnionFind
{
public:
    int add()
    {
        m_parent.push_back(int(m_parent.size()));
        return m_parent.back();
    }
    int find(int x)
    {
        while (m_parent[std::size_t(x)] != x) {
            m_parent[std::size_t(x)] = m_parent[std::size_t(m_parent[std::size_t(x)])];
            x = m_parent[std::size_t(x)];
        }
        return x;
    }
    void unite(int a, int b) { m_parent[std::size_t(find(a))] = find(b); }

private:
    std::vector<int> m_parent;
};

struct Link
{
    std::int64_t weight = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
};

} // namespace

Result<CorrelationSummary> writeCorrelation(Database &db, const AnalysisContext &ctx)
{
    const Dataset &d = ctx.data;
    const auto windowUs = std::int64_t(
            ctx.rules.json().value("correlation", nlohmann::json::object()).value("window_s", 1800)
            * detail::kSecondUs);
    const auto sharedMax = std::size_t(ctx.rules.json()
                                               .value("correlation", nlohmann::json::object())
                                               .value("shared_ip_max_accounts", 3));
    // Entities keyed by (type, dictionary id).
    std::unordered_map<std::uint64_t, int> index;
    auto indexKey = [](char type, std::int64_t id) {
        return (std::uint64_t(std::uint8_t(type)) << 56) ^ std::uint64_t(id);
    };
    std::vector<std::pair<char, std::int64_t>> entities;
    UnionFind uf;
    auto entity = [&](char type, std::int64_t id) {
        auto [it, inserted] = index.emplace(indexKey(type, id), 0);
        if (inserted) {
            it->second = uf.add();
            entities.emplace_back(type, id);
        }
        return it->second;
    };
    // Key: (low entity, high entity, kind) packed; entity indices stay below 2^28.
    std::unordered_map<std::uint64_t, Link> links;
    auto link = [&](int a, int b, char kind, std::int64_t ts) {
        const auto lo = std::uint64_t(std::min(a, b));
        const auto hi = std::uint64_t(std::max(a, b));
        Link &l = links[(lo << 36) | (hi << 8) | std::uint8_t(kind)];
        if (l.weight++ == 0)
            l.first = ts;
        l.first = std::min(l.first, ts);
        l.last = std::max(l.last, ts);
    };
    // (ip, agent, window) -> accounts: the same client seen again.
    struct Client
    {
        int ip = -1;
        std::vector<int> accounts;
        bool shared = false;
    };
    std::unordered_map<std::uint64_t, Client> clients;
    std::unordered_map<std::int32_t, std::vector<int>> sessions;
    for (const Ev &e : d.events) {
        if (e.flags & kFlow) {
            link(entity('i', e.ip), entity('i', e.dstIp), 'f', e.ts);
            continue;
        }
        if (!e.user || !e.ip)
            continue;
        const int acc = entity('a', e.user);
        const int ip = entity('i', e.ip);
        link(acc, ip, (e.flags & kAuth) ? 's' : 'u', e.ts);
        if (e.device) {
            const int dev = entity('d', e.device);
            link(acc, dev, 'd', e.ts);
            uf.unite(acc, dev);
        }
        if (e.session)
            sessions[e.session].push_back(acc);
        if (e.ua) {
            Client &c = clients[(std::uint64_t(std::uint32_t(e.ip)) << 32)
                                ^ (std::uint64_t(std::uint32_t(e.ua)) << 12)
                                ^ std::uint64_t(e.ts / windowUs)];
            c.ip = ip;
            if (!c.shared
                && std::find(c.accounts.begin(), c.accounts.end(), acc) == c.accounts.end()) {
                c.accounts.push_back(acc);
                c.shared = c.accounts.size() > sharedMax;
            }
        }
    }
    for (const auto &[s, accs] : sessions) {
        for (int a : accs)
            uf.unite(a, accs.front());
    }
    for (const auto &[k, c] : clients) {
        // A client behind a shared address (more accounts than the limit) is not evidence of
        // one actor.
        if (c.shared)
            continue;
        for (int a : c.accounts)
            uf.unite(a, c.ip);
    }
    for (std::size_t i = 1; i < d.ips.size(); ++i) {
        const auto it = index.find(indexKey('i', std::int64_t(i)));
        if (it != index.end() && d.ips[i].asn > 0)
            link(it->second, entity('n', d.ips[i].asn), 'n', 0);
    }

    if (auto s = db.exec("DELETE FROM links; DELETE FROM entities;"); !s)
        return s.error();
    Statement ins = db.prepare("INSERT INTO entities(id, type, value, cluster) VALUES(?,?,?,?)");
    std::unordered_map<int, int> clusterSize;
    for (std::size_t i = 0; i < entities.size(); ++i)
        ++clusterSize[uf.find(int(i))];
    CorrelationSummary sum;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const auto [type, id] = entities[i];
        const char *typeName = type == 'a'   ? "account"
                               : type == 'i' ? "ip"
                               : type == 'd' ? "device"
                                             : "asn";
        const std::string value = type == 'i'   ? d.ip(std::int32_t(id)).ip
                                  : type == 'n' ? "AS" + std::to_string(id)
                                                : d.str(std::int32_t(id));
        const int root = uf.find(int(i));
        ins.bind(1, std::int64_t(i + 1)).bind(2, typeName).bind(3, value);
        if (clusterSize[root] > 1)
            ins.bind(4, std::int64_t(root + 1));
        else
            ins.bindNull(4);
        if (auto s = ins.exec(); !s)
            return s.error();
        ins.reset();
        ++sum.entities;
    }
    for (const auto &[root, size] : clusterSize)
        sum.clusters += size > 1 ? 1 : 0;
    Statement lk = db.prepare(
            "INSERT INTO links(a, b, kind, weight, first_ts, last_ts) VALUES(?,?,?,?,?,?)");
    for (const auto &[k, l] : links) {
        const int a = int(k >> 36);
        const int b = int((k >> 8) & 0xfffffff);
        const char kind = char(k & 0xff);
        const char *kindName = kind == 's'   ? "signed_in"
                               : kind == 'u' ? "used"
                               : kind == 'd' ? "device"
                               : kind == 'f' ? "flow"
                                             : "network";
        lk.bind(1, std::int64_t(a + 1)).bind(2, std::int64_t(b + 1)).bind(3, kindName);
        lk.bind(4, l.weight);
        if (kind == 'n') {
            lk.bindNull(5).bindNull(6);
        } else {
            lk.bind(5, l.first).bind(6, l.last);
        }
        if (auto s = lk.exec(); !s)
            return s.error();
        lk.reset();
        ++sum.links;
    }
    return sum;
}

} // namespace netcase
