#include "intelmatch.h"
#include "urlnormal.h"

#include "case/sqlite.h"
#include "core/ipaddr.h"

#include <QHash>

#include <array>
#include <map>
#include <tuple>
#include <unordered_map>

namespace netcase::intel {

Window windowOf(const Indicator &ind, std::int64_t t)
{
    if (ind.validFrom && t < *ind.validFrom)
        return Window::NotYetValid;
    if (ind.validUntil && t > *ind.validUntil)
        return Window::Expired;
    return Window::Valid;
}

QString windowText(Window w)
{
    switch (w) {
    case Window::Valid:
        return QStringLiteral("valid");
    case Window::NotYetValid:
        return QStringLiteral("not yet valid");
    case Window::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

namespace {

using Bytes = std::array<std::uint8_t, 16>;

/// Address and network indicators by prefix length (in the 128-bit mapped form).
class NetworkIndex
{
public:
    void add(const QString &value, std::size_t idx)
    {
        const qsizetype slash = value.indexOf(QLatin1Char('/'));
        Bytes b{};
        bool v4 = false;
        if (!parseIpBytes((slash < 0 ? value : value.left(slash)).toStdString(), b, v4))
            return;
        int prefix = v4 ? 32 : 128;
        if (slash >= 0)
            prefix = value.mid(slash + 1).toInt();
        const int bits = prefix + (v4 ? 96 : 0);
        m_byPrefix[bits][key(mask(b, bits))].push_back(idx);
    }
    void find(const Bytes &b, std::vector<std::size_t> &out) const
    {
        for (const auto &[bits, table] : m_byPrefix) {
            const auto it = table.find(key(mask(b, bits)));
            if (it != table.end())
                out.insert(out.end(), it->second.begin(), it->second.end());
        }
    }
    bool empty() const { return m_byPrefix.empty(); }

private:
    static Bytes mask(Bytes b, int bits)
    {
        for (int i = 0; i < 16; ++i)
            b[size_t(i)] &= std::uint8_t(0xff00 >> std::clamp(bits - 8 * i, 0, 8));
        return b;
    }
    static std::string key(const Bytes &b) { return std::string(b.begin(), b.end()); }
    std::map<int, std::unordered_map<std::string, std::vector<std::size_t>>> m_byPrefix;
};

struct Index
{
    NetworkIndex networks;
    QHash<QString, std::vector<std::size_t>> domains;
    QHash<QString, std::vector<std::size_t>> urls; ///< "host" + rest
    explicit Index(const std::vector<StoredIndicator> &list)
    {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Indicator &ind = list[i].ind;
            if (ind.kind == Kind::Ip) {
                networks.add(ind.value, i);
            } else if (ind.kind == Kind::Domain) {
                domains[ind.value].push_back(i);
            } else {
                QString host, rest;
                if (splitUrl(ind.value, &host, &rest))
                    urls[host + rest].push_back(i);
            }
        }
    }
};

constexpr const char *kFields[] = {"source.ip",          "client.ip", "destination.ip",
                                   "destination.domain", "host.name", "url.original"};

class Scan
{
public:
    Scan(const Database &db, const std::vector<StoredIndicator> &list)
        : m_db(db)
        , m_list(list)
        , m_index(list)
        , m_str(db.prepare("SELECT s FROM strs WHERE id = ?"))
    {}

    Status loadAddresses()
    {
        if (m_index.networks.empty())
            return {};
        Statement st = m_db.prepare("SELECT id, ip FROM ips");
        std::vector<std::size_t> found;
        while (st.step()) {
            Bytes b{};
            bool v4 = false;
            if (!parseIpBytes(st.textView(1), b, v4))
                continue;
            found.clear();
            m_index.networks.find(b, found);
            if (!found.empty())
                m_ips[st.int64(0)] = {st.text(1), found};
        }
        return st.failed() ? Status(makeError(st.lastError())) : Status();
    }

    bool wantsStrings() const { return !m_index.domains.isEmpty() || !m_index.urls.isEmpty(); }

    void event(const Statement &st)
    {
        const std::int64_t id = st.int64(0), ts = st.int64(1);
        for (int c = 0; c < 3; ++c) {
            const auto it = m_ips.find(st.int64(2 + c));
            if (it != m_ips.end())
                for (std::size_t idx : it->second.second)
                    hit(idx, c, it->second.first, id, ts);
        }
        if (!wantsStrings())
            return;
        const std::int64_t domainId = st.int64(5), hostId = st.int64(6), urlId = st.int64(7);
        for (const auto &[col, sid] : {std::pair{3, domainId}, std::pair{4, hostId}}) {
            if (!sid)
                continue;
            const QString d = text(sid).toLower();
            if (const auto it = m_index.domains.constFind(d); it != m_index.domains.constEnd())
                for (std::size_t idx : *it)
                    hit(idx, col, d, id, ts);
        }
        if (!urlId)
            return;
        QString url = text(urlId);
        QString host, rest;
        if (!splitUrl(url, &host, &rest)) {
            // A path: joined to the request's host, and shown so.
            const std::int64_t hid = domainId ? domainId : hostId;
            if (!hid || !url.startsWith(QLatin1Char('/')))
                return;
            host = text(hid).toLower();
            rest = normaliseUrlRest(url);
            url = host + url;
        } else if (const auto it = m_index.domains.constFind(host);
                   it != m_index.domains.constEnd()) {
            for (std::size_t idx : *it)
                hit(idx, 5, url, id, ts);
        }
        if (const auto it = m_index.urls.constFind(host + rest); it != m_index.urls.constEnd())
            for (std::size_t idx : *it)
                hit(idx, 5, url, id, ts);
    }

    std::vector<IntelHit> take()
    {
        std::vector<IntelHit> out;
        out.reserve(m_hits.size());
        for (auto &[k, h] : m_hits)
            out.push_back(std::move(h));
        return out;
    }

private:
    const QString &text(std::int64_t sid)
    {
        auto it = m_strs.find(sid);
        if (it == m_strs.end()) {
            m_str.bind(1, sid);
            it = m_strs.emplace(sid, m_str.step() ? m_str.text(0) : QString()).first;
            m_str.reset();
        }
        return it->second;
    }

    void hit(std::size_t idx, int field, const QString &value, std::int64_t id, std::int64_t ts)
    {
        IntelHit &h = m_hits[{idx, field, value}];
        if (h.events == 0) {
            h.indicator = idx;
            h.field = QLatin1String(kFields[field]);
            h.value = value;
            h.firstUs = h.lastUs = ts;
        }
        ++h.events;
        h.firstUs = std::min(h.firstUs, ts);
        h.lastUs = std::max(h.lastUs, ts);
        switch (windowOf(m_list[idx].ind, ts)) {
        case Window::Valid:
            ++h.valid;
            break;
        case Window::NotYetValid:
            ++h.notYetValid;
            break;
        case Window::Expired:
            ++h.expired;
            break;
        }
        if (h.eventIds.size() < IntelHit::kMaxEvidence)
            h.eventIds.push_back(id);
    }

    const Database &m_db;
    const std::vector<StoredIndicator> &m_list;
    Index m_index;
    Statement m_str;
    std::unordered_map<std::int64_t, std::pair<QString, std::vector<std::size_t>>> m_ips;
    std::unordered_map<std::int64_t, QString> m_strs;
    std::map<std::tuple<std::size_t, int, QString>, IntelHit> m_hits;
};

} // namespace

const IntelSource *IntelMatches::source(std::int64_t id) const
{
    for (const IntelSource &s : sources)
        if (s.id == id)
            return &s;
    return nullptr;
}

Result<IntelMatches> matchCase(const Database &db, const std::atomic<bool> *cancel)
{
    IntelMatches out;
    out.sources = IntelStore::sources(db);
    out.indicators = IntelStore::indicators(db);
    if (out.indicators.empty())
        return out;
    Scan scan(db, out.indicators);
    if (Status s = scan.loadAddresses(); !s)
        return s.error();
    Statement st = db.prepare("SELECT id, ts, source_ip, client_ip, destination_ip, "
                              "destination_domain, host, url FROM events");
    std::int64_t n = 0;
    while (st.step()) {
        if (cancel && (++n & 0xffff) == 0 && cancel->load())
            return makeError(QStringLiteral("intelligence matching cancelled"),
                             ErrorCode::Cancelled);
        scan.event(st);
    }
    if (st.failed())
        return makeError(QStringLiteral("cannot read the events: %1").arg(st.lastError()));
    out.hits = scan.take();
    return out;
}

std::vector<StoredIndicator> indicatorsForAddress(const Database &db, const QString &ip)
{
    std::vector<StoredIndicator> all = IntelStore::indicators(db);
    Bytes b{};
    bool v4 = false;
    if (all.empty() || !parseIpBytes(ip.toStdString(), b, v4))
        return {};
    NetworkIndex idx;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].ind.kind == Kind::Ip)
            idx.add(all[i].ind.value, i);
    std::vector<std::size_t> found;
    idx.find(b, found);
    std::sort(found.begin(), found.end());
    std::vector<StoredIndicator> out;
    for (std::size_t i : found)
        out.push_back(all[i]);
    return out;
}

} // namespace netcase::intel
