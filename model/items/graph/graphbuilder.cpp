#include "graphbuilder.h"

#include "analysis/correlation.h"
#include "analysis/dataset.h"
#include "analysis/rules.h"
#include "case/sqlite.h"
#include "core/displaytext.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace netcase::graph {

namespace {

QString shortAgent(const QString &ua)
{
    constexpr int kMax = 48;
    return ua.size() <= kMax ? ua : ua.left(kMax - 1) + QChar(0x2026);
}

std::optional<NodeType> nodeType(char entityType)
{
    switch (entityType) {
    case 'a':
        return NodeType::Account;
    case 'i':
        return NodeType::Ip;
    case 'n':
        return NodeType::Asn;
    case 'g':
        return NodeType::UserAgent;
    case 'h':
        return NodeType::Host;
    default: // devices join clusters but are not drawn
        return std::nullopt;
    }
}

QString linkKind(char kind)
{
    // Flows are what the analysis found between addresses; the rest are drawn as co-occurrence.
    return kind == 'f' ? QStringLiteral("flow") : QString();
}

} // namespace

Result<GraphData> GraphBuilder::load(const Database &db, const std::atomic<bool> *cancel)
{
    if (!db.hasTable("events"))
        return makeError(QStringLiteral("the case has no events table"), ErrorCode::Data);
    auto rules = Rules::load(db);
    if (!rules)
        return rules.error();
    auto data = Dataset::load(db, *rules, cancel);
    if (!data)
        return data.error();
    if (cancel && cancel->load())
        return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
    CorrelationOptions options = correlationOptions(*rules);
    options.agentsAndHosts = true;
    CorrelationGraph cg = buildCorrelation(*data, options);
    // Links come out in hash order; the layout starts from the edge order, so fix it.
    std::sort(cg.links.begin(), cg.links.end(), [](const auto &x, const auto &y) {
        return std::tie(x.a, x.b, x.kind) < std::tie(y.a, y.b, y.kind);
    });

    std::unordered_map<std::int64_t, const std::string *> orgOf; // an ASN's organisation
    for (const AnalysisIp &ip : data->ips)
        if (ip.asn > 0 && !ip.asOrg.empty())
            orgOf.emplace(ip.asn, &ip.asOrg);

    GraphData g;
    std::vector<int> nodeOf(cg.entities.size(), -1);
    for (std::size_t i = 0; i < cg.entities.size(); ++i) {
        const CorrelationGraph::Entity &en = cg.entities[i];
        const auto type = nodeType(en.type);
        if (!type)
            continue;
        QString value;
        QString label;
        if (en.type == 'i') {
            value = QString::fromStdString(data->ip(std::int32_t(en.id)).ip);
        } else if (en.type == 'n') {
            value = QString::number(en.id);
            const auto org = orgOf.find(en.id);
            label = org == orgOf.end()
                            ? QStringLiteral("AS") + value
                            : QStringLiteral("AS%1 %2").arg(
                                    value,
                                    displaySafe(QString::fromStdString(*org->second).left(32)));
        } else {
            value = QString::fromStdString(data->str(std::int32_t(en.id)));
        }
        if (value.isEmpty())
            continue;
        const int node = g.node(*type, value);
        nodeOf[i] = node;
        GraphNode &n = g.nodes[std::size_t(node)];
        n.events += en.events;
        if (en.cluster > 0)
            n.cluster = int(en.cluster);
        if (en.type == 'g')
            n.label = displaySafe(shortAgent(value));
        else if (!label.isEmpty())
            n.label = label;
    }
    for (const CorrelationGraph::Link &l : cg.links) {
        if (l.kind == 'd')
            continue;
        g.addEdge(nodeOf[std::size_t(l.a)], nodeOf[std::size_t(l.b)], l.weight, linkKind(l.kind));
    }
    return g;
}

} // namespace netcase::graph
