#pragma once

// The graph as a picture: the whole scene fitted into an image of the given size through
// GraphPainter (the same drawing as the view, with the legend), and written as PNG.

#include "core/result.h"
#include "render/graphpainter.h"

#include <QImage>

namespace netcase::graph {

QImage renderGraphImage(const GraphScene &scene,
                        QSize size,
                        const GraphStyle &style,
                        const GraphHighlight &highlight = {});
/// Writes renderGraphImage() as PNG to path, replacing it only once complete.
Status writeGraphPng(const GraphScene &scene,
                     const QString &path,
                     QSize size,
                     const GraphStyle &style,
                     const GraphHighlight &highlight = {});

} // namespace netcase::graph
