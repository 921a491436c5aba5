#include "graphbuilder.h"

#include "case/sqlite.h"
#include "core/displaytext.h"

#include <QHash>

namespace netcase::graph {

namespace {

bool hasColumns(const Database &db, const char *table, std::initializer_list<const char *> cols)
{
    Statement st = db.prepare("SELECT name FROM pragma_table_info(?)");
    st.bind(1, table);
    QStringList have;
    while (st.valid() && st.step())
        have << st.text(0);
    for (const char *c : cols) {
        if (!have.contains(QLatin1String(c)))
            return false;
    }
    return true;
}

/// Resolves interned ids lazily (each distinct id once).
class Strings
{
public:
    Strings(const Database &db, const char *sql)
        : m_stmt(db.prepare(sql))
    {}
    QString get(std::int64_t id)
    {
        const auto it = m_cache.constFind(id);
        if (it != m_cache.constEnd())
            return it.value();
        QString s;
        m_stmt.reset();
        m_stmt.bind(1, id);
        if (m_stmt.valid() && m_stmt.step())
            s = m_stmt.text(0);
        m_cache.insert(id, s);
        return s;
    }

private:
    Statement m_stmt;
    QHash<std::int64_t, QString> m_cache;
};

QString shortAgent(const QString &ua)
{
    constexpr int kMax = 48;
    return ua.size() <= kMax ? ua : ua.left(kMax - 1) + QChar(0x2026);
}

} // namespace

Result<GraphData> GraphBuilder::load(const Database &db, const std::function<bool()> &cancelled)
{
    GraphData g;
    if (!db.hasTable("events"))
        return makeError(QStringLiteral("the case has no events table"), ErrorCode::Data);

    Strings strs(db, "SELECT s FROM strs WHERE id = ?");
    Strings ips(db, "SELECT ip FROM ips WHERE id = ?");
    QHash<std::int64_t, int> ipNodeById; // ips.id -> node, for the ASN join

    Statement st = db.prepare("SELECT source_ip, user, user_agent, host, count(*) FROM events "
                              "GROUP BY source_ip, user, user_agent, host");
    if (!st.valid())
        return makeError(QStringLiteral("cannot read events: %1").arg(db.lastError()),
                         ErrorCode::Data);
    int rows = 0;
    while (st.step()) {
        if ((++rows & 0x3ff) == 0 && cancelled && cancelled())
            return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        const std::int64_t n = st.int64(4);
        int ip = -1, user = -1, ua = -1, host = -1;
        if (!st.isNull(0)) {
            const QString text = ips.get(st.int64(0));
            if (!text.isEmpty()) {
                ip = g.node(NodeType::Ip, text);
                ipNodeById.insert(st.int64(0), ip);
            }
        }
        if (!st.isNull(1)) {
            const QString text = strs.get(st.int64(1));
            if (!text.isEmpty())
                user = g.node(NodeType::Account, text);
        }
        if (!st.isNull(2)) {
            const QString text = strs.get(st.int64(2));
            if (!text.isEmpty()) {
                ua = g.node(NodeType::UserAgent, text);
                g.nodes[size_t(ua)].label = displaySafe(shortAgent(text));
            }
        }
        if (!st.isNull(3)) {
            const QString text = strs.get(st.int64(3));
            if (!text.isEmpty())
                host = g.node(NodeType::Host, text);
        }
        for (int node : {ip, user, ua, host}) {
            if (node >= 0)
                g.nodes[size_t(node)].events += n;
        }
        g.addEdge(ip, user, n);
        // The agent belongs to the account that used it; without an account, to the address.
        g.addEdge(user >= 0 ? user : ip, ua, n);
        g.addEdge(ip, host, n);
    }

    if (db.hasTable("ip_info")
        && hasColumns(db, "ip_info", {"ip_id", "asn", "as_org", "current"})) {
        Statement asn = db.prepare("SELECT ip_id, asn, as_org FROM ip_info "
                                   "WHERE current = 1 AND asn IS NOT NULL");
        while (asn.valid() && asn.step()) {
            const int ip = ipNodeById.value(asn.int64(0), -1);
            if (ip < 0)
                continue;
            const QString number = QString::number(asn.int64(1));
            const int a = g.node(NodeType::Asn, number);
            GraphNode &node = g.nodes[size_t(a)];
            const QString org = asn.text(2);
            node.label = org.isEmpty()
                                 ? QStringLiteral("AS") + number
                                 : QStringLiteral("AS%1 %2").arg(number, displaySafe(org.left(32)));
            const std::int64_t n = g.nodes[size_t(ip)].events;
            node.events += n;
            g.addEdge(ip, a, n);
        }
    }
    if (cancelled && cancelled())
        return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);

    // The analysis's entity graph: read defensively, its tables may be empty or older.
    if (db.hasTable("entities") && hasColumns(db, "entities", {"id", "type", "value", "cluster"})) {
        QHash<std::int64_t, int> nodeByEntity;
        Statement ent = db.prepare("SELECT id, type, value, cluster FROM entities");
        while (ent.valid() && ent.step()) {
            const auto type = nodeTypeFromName(ent.text(1));
            if (!type)
                continue;
            const int node = g.find(*type, ent.text(2));
            if (node < 0)
                continue;
            nodeByEntity.insert(ent.int64(0), node);
            if (!ent.isNull(3))
                g.nodes[size_t(node)].cluster = int(ent.int64(3));
        }
        if (db.hasTable("links") && hasColumns(db, "links", {"a", "b", "kind", "weight"})) {
            Statement link = db.prepare("SELECT a, b, kind, weight FROM links");
            while (link.valid() && link.step()) {
                const int a = nodeByEntity.value(link.int64(0), -1);
                const int b = nodeByEntity.value(link.int64(1), -1);
                QString kind = link.text(2);
                if (kind.isEmpty())
                    kind = QStringLiteral("link");
                g.addEdge(a, b, std::max<std::int64_t>(1, link.int64(3)), kind);
            }
        }
    }
    return g;
}

} // namespace netcase::graph
