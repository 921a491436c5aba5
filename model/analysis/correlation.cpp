#include "correlation.h"

#include "context.h"
#include "detect.h"
#include "rules.h"

#include "case/sqlite.h"

#include <algorithm>
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

/// Entity indices by (type, id): dense tables for dictionary and address ids, a map otherwise.
class EntityIndex
{
public:
    EntityIndex(std::size_t strs, std::size_t ips, bool agentsAndHosts)
        : m_accounts(strs, -1)
        , m_devices(strs, -1)
        , m_ips(ips, -1)
        , m_agents(agentsAndHosts ? strs : 0, -1)
        , m_hosts(agentsAndHosts ? strs : 0, -1)
    {}
    /// The entity's slot (-1 = new) in the dense tables, or in the map.
    int &slot(char type, std::int64_t id)
    {
        std::vector<int> *dense = type == 'a'   ? &m_accounts
                                  : type == 'd' ? &m_devices
                                  : type == 'i' ? &m_ips
                                  : type == 'g' ? &m_agents
                                  : type == 'h' ? &m_hosts
                                                : nullptr;
        if (dense && id >= 0 && std::size_t(id) < dense->size())
            return (*dense)[std::size_t(id)];
        return m_other.emplace((std::uint64_t(std::uint8_t(type)) << 56) ^ std::uint64_t(id), -1)
                .first->second;
    }
    int find(char type, std::int64_t id) { return slot(type, id); }

private:
    std::vector<int> m_accounts;
    std::vector<int> m_devices;
    std::vector<int> m_ips;
    std::vector<int> m_agents;
    std::vector<int> m_hosts;
    std::unordered_map<std::uint64_t, int> m_other;
};

struct LinkTally
{
    std::int64_t weight = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
};

} // namespace

CorrelationOptions correlationOptions(const Rules &rules)
{
    const nlohmann::json c = rules.json().value("correlation", nlohmann::json::object());
    CorrelationOptions o;
    o.windowUs = std::max<std::int64_t>(
            1, std::int64_t(c.value("window_s", 1800) * detail::kSecondUs));
    o.sharedMax = std::size_t(c.value("shared_ip_max_accounts", 3));
    return o;
}

CorrelationGraph buildCorrelation(const AnalysisContext &ctx)
{
    return buildCorrelation(ctx.data, correlationOptions(ctx.rules));
}

CorrelationGraph buildCorrelation(const Dataset &d, const CorrelationOptions &options)
{
    const std::int64_t windowUs = options.windowUs;
    const std::size_t sharedMax = options.sharedMax;
    const bool view = options.agentsAndHosts;
    CorrelationGraph g;
    EntityIndex index(d.strs.size(), d.ips.size(), view);
    UnionFind uf;
    auto entity = [&](char type, std::int64_t id) {
        int &slot = index.slot(type, id);
        if (slot < 0) {
            slot = uf.add();
            g.entities.push_back({type, id, 0});
        }
        return slot;
    };
    // Key: (low entity, high entity, kind) packed; entity indices stay below 2^28.
    std::unordered_map<std::uint64_t, LinkTally> links;
    links.reserve(1024);
    auto link = [&](int a, int b, char kind, std::int64_t ts, std::int64_t weight = 1) {
        if (a < 0 || b < 0)
            return;
        const auto lo = std::uint64_t(std::min(a, b));
        const auto hi = std::uint64_t(std::max(a, b));
        LinkTally &l = links[(lo << 36) | (hi << 8) | std::uint8_t(kind)];
        if (l.weight == 0)
            l.first = ts;
        l.weight += weight;
        l.first = std::min(l.first, ts);
        l.last = std::max(l.last, ts);
    };
    // The graph view's part: every event counted on its entities, and its agent and host linked
    // to the account (or, without one, the address) and to the address.
    auto viewEvent = [&](const Ev &e) {
        const int ip = e.ip ? entity('i', e.ip) : -1;
        const int acc = e.user ? entity('a', e.user) : -1;
        const int ua = e.ua ? entity('g', e.ua) : -1;
        const int host = e.host ? entity('h', e.host) : -1;
        for (int en : {ip, acc, ua, host})
            if (en >= 0)
                ++g.entities[std::size_t(en)].events;
        link(acc >= 0 ? acc : ip, ua, 'g', e.ts);
        link(ip, host, 'h', e.ts);
    };
    // The same client (address and agent) within one window: its accounts belong to one actor
    // unless more than sharedMax accounts use it (a shared address is no evidence of that).
    struct Client
    {
        int ip = -1;
        std::vector<int> accounts;
        bool shared = false;
    };
    std::vector<Client> clients;
    std::size_t used = 0;
    std::unordered_map<std::uint64_t, std::size_t> clientOf; // (address, agent) -> client
    std::int64_t window = 0;
    auto closeWindow = [&] {
        for (std::size_t c = 0; c < used; ++c) {
            if (!clients[c].shared)
                for (int a : clients[c].accounts)
                    uf.unite(a, clients[c].ip);
            clients[c].accounts.clear();
            clients[c].shared = false;
        }
        used = 0;
        clientOf.clear();
    };
    std::vector<int> sessionAccount(d.strs.size(), -1); // first account seen in a session
    std::unordered_map<std::int32_t, int> otherSessions;
    for (const Ev &e : d.events) {
        if (e.flags & kFlow) {
            const int src = entity('i', e.ip);
            const int dst = entity('i', e.dstIp);
            link(src, dst, 'f', e.ts);
            if (view) {
                ++g.entities[std::size_t(src)].events;
                if (dst != src)
                    ++g.entities[std::size_t(dst)].events;
            }
            continue;
        }
        if (view)
            viewEvent(e);
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
        if (e.session) {
            int &first = (e.session > 0 && std::size_t(e.session) < sessionAccount.size())
                                 ? sessionAccount[std::size_t(e.session)]
                                 : otherSessions.emplace(e.session, -1).first->second;
            if (first < 0)
                first = acc;
            else
                uf.unite(acc, first);
        }
        if (e.ua) {
            const std::int64_t w = e.ts / windowUs;
            if (w != window) {
                closeWindow();
                window = w;
            }
            const std::uint64_t key
                    = (std::uint64_t(std::uint32_t(e.ip)) << 32) | std::uint32_t(e.ua);
            auto [it, inserted] = clientOf.emplace(key, used);
            if (inserted) {
                if (used == clients.size())
                    clients.emplace_back();
                clients[used++].ip = ip;
            }
            Client &c = clients[it->second];
            if (!c.shared
                && std::find(c.accounts.begin(), c.accounts.end(), acc) == c.accounts.end()) {
                c.accounts.push_back(acc);
                c.shared = c.accounts.size() > sharedMax;
            }
        }
    }
    closeWindow();
    for (std::size_t i = 1; i < d.ips.size(); ++i) {
        const int ip = index.find('i', std::int64_t(i));
        if (ip < 0 || d.ips[i].asn <= 0)
            continue;
        const int asn = entity('n', d.ips[i].asn);
        if (!view) {
            link(ip, asn, 'n', 0);
            continue;
        }
        // In the view a network weighs what its addresses do.
        const std::int64_t events = g.entities[std::size_t(ip)].events;
        link(ip, asn, 'n', 0, std::max<std::int64_t>(1, events));
        g.entities[std::size_t(asn)].events += events;
    }

    // A cluster is named after its first entity, so the ids do not depend on the order in which
    // the links joined it.
    std::vector<int> firstOf(g.entities.size(), -1);
    std::vector<int> size(g.entities.size(), 0);
    for (std::size_t i = 0; i < g.entities.size(); ++i) {
        const int root = uf.find(int(i));
        if (firstOf[std::size_t(root)] < 0)
            firstOf[std::size_t(root)] = int(i);
        ++size[std::size_t(root)];
    }
    for (std::size_t i = 0; i < g.entities.size(); ++i) {
        const auto root = std::size_t(uf.find(int(i)));
        if (size[root] > 1)
            g.entities[i].cluster = firstOf[root] + 1;
    }
    for (std::size_t r = 0; r < size.size(); ++r)
        g.clusters += size[r] > 1 ? 1 : 0;
    g.links.reserve(links.size());
    for (const auto &[k, l] : links)
        g.links.push_back({int(k >> 36), int((k >> 8) & 0xfffffff), char(k & 0xff), l.weight,
                           l.first, l.last});
    return g;
}

Result<CorrelationSummary>
writeCorrelation(Database &db, const AnalysisContext &ctx, const CorrelationGraph &g)
{
    const Dataset &d = ctx.data;
    if (auto s = db.exec("DELETE FROM links; DELETE FROM entities;"); !s)
        return s.error();
    Statement ins = db.prepare("INSERT INTO entities(id, type, value, cluster) VALUES(?,?,?,?)");
    CorrelationSummary sum;
    std::string asn;
    for (std::size_t i = 0; i < g.entities.size(); ++i) {
        const auto &en = g.entities[i];
        const char *typeName = en.type == 'a'   ? "account"
                               : en.type == 'i' ? "ip"
                               : en.type == 'd' ? "device"
                                                : "asn";
        ins.bind(1, std::int64_t(i + 1)).bind(2, typeName);
        if (en.type == 'i') {
            ins.bind(3, std::string_view(d.ip(std::int32_t(en.id)).ip));
        } else if (en.type == 'n') {
            asn = "AS" + std::to_string(en.id);
            ins.bind(3, std::string_view(asn));
        } else {
            ins.bind(3, std::string_view(d.str(std::int32_t(en.id))));
        }
        if (en.cluster > 0)
            ins.bind(4, en.cluster);
        else
            ins.bindNull(4);
        if (auto s = ins.exec(); !s)
            return s.error();
        ins.reset();
        ++sum.entities;
    }
    sum.clusters = g.clusters;
    Statement lk = db.prepare(
            "INSERT INTO links(a, b, kind, weight, first_ts, last_ts) VALUES(?,?,?,?,?,?)");
    for (const auto &l : g.links) {
        const char *kindName = l.kind == 's'   ? "signed_in"
                               : l.kind == 'u' ? "used"
                               : l.kind == 'd' ? "device"
                               : l.kind == 'f' ? "flow"
                                               : "network";
        lk.bind(1, std::int64_t(l.a + 1)).bind(2, std::int64_t(l.b + 1)).bind(3, kindName);
        lk.bind(4, l.weight);
        if (l.kind == 'n') {
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

Result<CorrelationSummary> writeCorrelation(Database &db, const AnalysisContext &ctx)
{
    return writeCorrelation(db, ctx, buildCorrelation(ctx));
}

} // namespace netcase
