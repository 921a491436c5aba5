#include "graphml.h"

#include "core/displaytext.h"
#include "graphscene.h"

#include <QSaveFile>
#include <QXmlStreamWriter>

namespace netcase::graph {

namespace {

void key(QXmlStreamWriter &x, const char *id, const char *forWhat, const char *type)
{
    x.writeStartElement(QStringLiteral("key"));
    x.writeAttribute(QStringLiteral("id"), QString::fromLatin1(id));
    x.writeAttribute(QStringLiteral("for"), QString::fromLatin1(forWhat));
    x.writeAttribute(QStringLiteral("attr.name"), QString::fromLatin1(id));
    x.writeAttribute(QStringLiteral("attr.type"), QString::fromLatin1(type));
    x.writeEndElement();
}

void data(QXmlStreamWriter &x, const char *id, const QString &value)
{
    x.writeStartElement(QStringLiteral("data"));
    x.writeAttribute(QStringLiteral("key"), QString::fromLatin1(id));
    x.writeCharacters(value);
    x.writeEndElement();
}

} // namespace

QByteArray toGraphMl(const GraphScene &scene)
{
    QByteArray out;
    QXmlStreamWriter x(&out);
    x.setAutoFormatting(true);
    x.writeStartDocument();
    x.writeStartElement(QStringLiteral("graphml"));
    x.writeDefaultNamespace(QStringLiteral("http://graphml.graphdrawing.org/xmlns"));
    key(x, "type", "node", "string");
    key(x, "value", "node", "string");
    key(x, "label", "node", "string");
    key(x, "events", "node", "long");
    key(x, "cluster", "node", "int");
    key(x, "x", "node", "double");
    key(x, "y", "node", "double");
    key(x, "weight", "edge", "long");
    key(x, "kind", "edge", "string");
    x.writeStartElement(QStringLiteral("graph"));
    x.writeAttribute(QStringLiteral("id"), QStringLiteral("netcase"));
    x.writeAttribute(QStringLiteral("edgedefault"), QStringLiteral("undirected"));
    const GraphData *g = scene.data();
    if (g) {
        for (size_t s = 0; s < scene.nodes().size(); ++s) {
            const SceneNode &sn = scene.nodes()[s];
            const GraphNode &n = g->nodes[size_t(sn.index)];
            x.writeStartElement(QStringLiteral("node"));
            x.writeAttribute(QStringLiteral("id"), QStringLiteral("n%1").arg(s));
            data(x, "type", nodeTypeName(n.type));
            data(x, "value", displaySafe(n.value));
            data(x, "label", displaySafe(n.label));
            data(x, "events", QString::number(n.events));
            if (n.cluster >= 0)
                data(x, "cluster", QString::number(n.cluster));
            data(x, "x", QString::number(sn.pos.x(), 'f', 2));
            data(x, "y", QString::number(sn.pos.y(), 'f', 2));
            x.writeEndElement();
        }
        for (const SceneEdge &e : scene.edges()) {
            const GraphEdge &ge = g->edges[size_t(e.index)];
            x.writeStartElement(QStringLiteral("edge"));
            x.writeAttribute(QStringLiteral("source"), QStringLiteral("n%1").arg(e.a));
            x.writeAttribute(QStringLiteral("target"), QStringLiteral("n%1").arg(e.b));
            data(x, "weight", QString::number(ge.weight));
            if (ge.analysis)
                data(x, "kind", displaySafe(ge.kind));
            x.writeEndElement();
        }
    }
    x.writeEndElement(); // graph
    x.writeEndElement(); // graphml
    x.writeEndDocument();
    return out;
}

Status writeGraphMl(const GraphScene &scene, const QString &path)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    const QByteArray xml = toGraphMl(scene);
    if (f.write(xml) != xml.size() || !f.commit())
        return makeError(QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

} // namespace netcase::graph
