// GraphView's exports (a second file of the class): GraphML of what is shown, PNG of it drawn
// whole.

#include "graphview.h"

#include "items/graph/graphml.h"
#include "render/graphimage.h"

#include <QFileDialog>
#include <QLabel>

namespace netcase {

using namespace graph;

Status GraphView::exportGraphMl(const QString &path) const
{
    if (!m_scene)
        return makeError(tr("No graph to export yet."));
    return writeGraphMl(*m_scene, path);
}

Status GraphView::exportPng(const QString &path) const
{
    if (!m_scene)
        return makeError(tr("No graph to export yet."));
    return writeGraphPng(*m_scene, path, QSize(2400, 1600), GraphStyle::fromPalette(palette()));
}

void GraphView::exportInteractive(bool png)
{
    const QString path = QFileDialog::getSaveFileName(
            this, png ? tr("Export graph as PNG") : tr("Export graph as GraphML"),
            png ? QStringLiteral("graph.png") : QStringLiteral("graph.graphml"),
            png ? tr("PNG images (*.png)") : tr("GraphML (*.graphml)"));
    if (path.isEmpty())
        return;
    const Status st = png ? exportPng(path) : exportGraphMl(path);
    m_status = st ? tr("Graph saved to %1.").arg(path) : st.error().message;
    updateCaption();
}

} // namespace netcase
