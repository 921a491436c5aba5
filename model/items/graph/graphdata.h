#pragma once

// The entity graph of a case: IPs, accounts, ASNs, hosts and user agents as nodes, weighted
// by the events behind them; edges for what was observed together (and links the analysis
// found). Built once per case by GraphBuilder; the view shows a capped subset of it.

#include <QHash>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace netcase::graph {

enum class NodeType : std::uint8_t { Ip, Account, Asn, Host, UserAgent };
constexpr int kNodeTypeCount = 5;

/// ECS-style entity type names, as finding_entities and entities store them.
QString nodeTypeName(NodeType type);
/// Human-readable plural ("IP addresses").
QString nodeTypeTitle(NodeType type);
std::optional<NodeType> nodeTypeFromName(const QString &name);

struct GraphNode
{
    NodeType type = NodeType::Ip;
    QString value;           ///< ip text, user.name, ASN number, host.name, user agent
    QString label;           ///< short display text (ASN with organisation, trimmed agents)
    std::int64_t events = 0; ///< events behind the node
    int cluster = -1;        ///< entity cluster from the analysis, -1 when none
};

struct GraphEdge
{
    int a = 0;
    int b = 0;
    std::int64_t weight = 0; ///< events observed with both ends (or the analysis link weight)
    bool analysis = false;   ///< a link the analysis found rather than a co-occurrence
    QString kind;            ///< analysis link kind, empty for observed edges
};

class GraphData
{
public:
    /// The node for (type, value), created on first use.
    int node(NodeType type, const QString &value);
    int find(NodeType type, const QString &value) const;
    /// Adds weight to the edge between a and b (undirected; created on first use).
    void addEdge(int a, int b, std::int64_t weight, const QString &analysisKind = {});

    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;

    /// Neighbour lists (built on demand by adjacency(); invalid after further edits).
    const std::vector<std::vector<int>> &adjacency() const;
    std::array<int, kNodeTypeCount> countByType() const;

private:
    static QString key(NodeType type, const QString &value);
    QHash<QString, int> m_index;
    QHash<std::uint64_t, int> m_edgeIndex;
    mutable std::vector<std::vector<int>> m_adjacency;
    mutable size_t m_adjacencyEdges = size_t(-1);
};

} // namespace netcase::graph
