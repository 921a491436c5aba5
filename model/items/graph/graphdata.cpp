#include "graphdata.h"

#include "core/displaytext.h"

#include <QCoreApplication>

namespace netcase::graph {

QString nodeTypeName(NodeType type)
{
    switch (type) {
    case NodeType::Ip:
        return QStringLiteral("ip");
    case NodeType::Account:
        return QStringLiteral("account");
    case NodeType::Asn:
        return QStringLiteral("asn");
    case NodeType::Host:
        return QStringLiteral("host");
    case NodeType::UserAgent:
        return QStringLiteral("user_agent");
    }
    return {};
}

QString nodeTypeTitle(NodeType type)
{
    switch (type) {
    case NodeType::Ip:
        return QCoreApplication::translate("netcase::graph", "IP addresses");
    case NodeType::Account:
        return QCoreApplication::translate("netcase::graph", "Accounts");
    case NodeType::Asn:
        return QCoreApplication::translate("netcase::graph", "ASNs");
    case NodeType::Host:
        return QCoreApplication::translate("netcase::graph", "Hosts");
    case NodeType::UserAgent:
        return QCoreApplication::translate("netcase::graph", "User agents");
    }
    return {};
}

std::optional<NodeType> nodeTypeFromName(const QString &name)
{
    // Singular names are canonical; plurals and a few synonyms are read defensively.
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("ip") || n == QLatin1String("ips") || n == QLatin1String("source.ip"))
        return NodeType::Ip;
    if (n == QLatin1String("account") || n == QLatin1String("accounts")
        || n == QLatin1String("user") || n == QLatin1String("user.name"))
        return NodeType::Account;
    if (n == QLatin1String("asn") || n == QLatin1String("asns"))
        return NodeType::Asn;
    if (n == QLatin1String("host") || n == QLatin1String("hosts")
        || n == QLatin1String("host.name"))
        return NodeType::Host;
    if (n == QLatin1String("user_agent") || n == QLatin1String("user_agents")
        || n == QLatin1String("user_agent.original"))
        return NodeType::UserAgent;
    return std::nullopt;
}

QString GraphData::key(NodeType type, const QString &value)
{
    return QString::number(int(type)) + QLatin1Char('\x1f') + value;
}

int GraphData::node(NodeType type, const QString &value)
{
    const QString k = key(type, value);
    const auto it = m_index.constFind(k);
    if (it != m_index.constEnd())
        return it.value();
    GraphNode n;
    n.type = type;
    n.value = value;
    n.label = displaySafe(value); // drawn as written: no bidi reordering, no controls
    nodes.push_back(std::move(n));
    const int index = int(nodes.size()) - 1;
    m_index.insert(k, index);
    return index;
}

int GraphData::find(NodeType type, const QString &value) const
{
    return m_index.value(key(type, value), -1);
}

void GraphData::addEdge(int a, int b, std::int64_t weight, const QString &analysisKind)
{
    if (a == b || a < 0 || b < 0)
        return;
    if (a > b)
        std::swap(a, b);
    const bool analysis = !analysisKind.isEmpty();
    // Observed and analysis edges between the same pair stay separate: they mean different things.
    const std::uint64_t k = (std::uint64_t(std::uint32_t(a)) << 32 | std::uint32_t(b))
                            ^ (analysis ? 0x8000000000000000ull : 0);
    const auto it = m_edgeIndex.constFind(k);
    if (it != m_edgeIndex.constEnd()) {
        edges[size_t(it.value())].weight += weight;
        return;
    }
    edges.push_back({a, b, weight, analysis, analysisKind});
    m_edgeIndex.insert(k, int(edges.size()) - 1);
}

const std::vector<std::vector<int>> &GraphData::adjacency() const
{
    if (m_adjacencyEdges != edges.size() || m_adjacency.size() != nodes.size()) {
        m_adjacency.assign(nodes.size(), {});
        for (const GraphEdge &e : edges) {
            m_adjacency[size_t(e.a)].push_back(e.b);
            m_adjacency[size_t(e.b)].push_back(e.a);
        }
        m_adjacencyEdges = edges.size();
    }
    return m_adjacency;
}

std::array<int, kNodeTypeCount> GraphData::countByType() const
{
    std::array<int, kNodeTypeCount> counts{};
    for (const GraphNode &n : nodes)
        ++counts[size_t(n.type)];
    return counts;
}

} // namespace netcase::graph
