#include "graphimage.h"

#include <QPainter>
#include <QSaveFile>

#include <algorithm>

namespace netcase::graph {

QImage renderGraphImage(const GraphScene &scene,
                        QSize size,
                        const GraphStyle &style,
                        const GraphHighlight &highlight)
{
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    img.fill(style.background);
    QPainter p(&img);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(std::max(11, size.height() / 90));
    p.setFont(font);
    const QRectF viewport(QPointF(0, 0), QSizeF(size));
    // The whole scene with a margin; world units to pixels, y kept.
    QRectF world = scene.bounds();
    if (world.isEmpty())
        world = QRectF(-100, -100, 200, 200);
    const double margin = 40;
    const double scale = std::min((viewport.width() - 2 * margin) / world.width(),
                                  (viewport.height() - 2 * margin) / world.height());
    QTransform view;
    view.translate(viewport.center().x(), viewport.center().y());
    view.scale(scale, scale);
    view.translate(-world.center().x(), -world.center().y());
    GraphPainter::paint(p, scene, view, viewport, style, highlight);
    GraphPainter::paintLegend(p, viewport, style);
    return img;
}

Status writeGraphPng(const GraphScene &scene,
                     const QString &path,
                     QSize size,
                     const GraphStyle &style,
                     const GraphHighlight &highlight)
{
    const QImage img = renderGraphImage(scene, size, style, highlight);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !img.save(&f, "PNG") || !f.commit())
        return makeError(QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

} // namespace netcase::graph
