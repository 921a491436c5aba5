// PanCache: the layer a canvas blits while the user drags. It must land exactly where a fresh
// render would put it, fill what it no longer covers, and count its renders.

#include "render/pancache.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace netcase;

class TestPanCache : public QObject
{
    Q_OBJECT

    static void scene(QPainter &p, QPointF shift)
    {
        p.fillRect(QRect(0, 0, 200, 100), Qt::white);
        p.fillRect(QRectF(QPointF(50, 30) + shift, QSizeF(20, 10)), Qt::red);
    }

private Q_SLOTS:
    void drawsShiftedAndFillsTheStrips()
    {
        PanCache cache;
        QVERIFY(!cache.isValid());
        cache.render(QSize(200, 100), 1.0, [](QPainter &p) { scene(p, {}); });
        QVERIFY(cache.fits(QSize(200, 100), 1.0));
        QVERIFY(!cache.fits(QSize(201, 100), 1.0));
        QVERIFY(!cache.fits(QSize(200, 100), 2.0));
        QCOMPARE(cache.renders(), 1);

        QImage blit(200, 100, QImage::Format_ARGB32_Premultiplied);
        blit.fill(Qt::black);
        QPainter p(&blit);
        cache.draw(p, QPointF(30.4, -12.6), Qt::blue); // rounds to whole pixels: (30, -13)
        p.end();
        QImage fresh(200, 100, QImage::Format_ARGB32_Premultiplied);
        QPainter q(&fresh);
        scene(q, QPointF(30, -13));
        q.end();
        // Where the layer still covers, the blit equals a render at the new offset.
        for (int y = 0; y < 87; ++y) {
            for (int x = 30; x < 200; ++x)
                QCOMPARE(blit.pixel(x, y), fresh.pixel(x, y));
        }
        // The strips it uncovered (left 30 px, bottom 13 px) take the fill colour.
        QCOMPARE(blit.pixel(5, 50), QColor(Qt::blue).rgba());
        QCOMPARE(blit.pixel(100, 95), QColor(Qt::blue).rgba());
    }

    void highDpiLayerIsRenderedAtDevicePixels()
    {
        PanCache cache;
        cache.render(QSize(100, 50), 2.0, [](QPainter &p) {
            p.fillRect(QRect(0, 0, 100, 50), Qt::white);
            p.fillRect(QRectF(10, 10, 0.5, 0.5), Qt::red); // one device pixel at 2x
        });
        QImage out(200, 100, QImage::Format_ARGB32_Premultiplied);
        out.setDevicePixelRatio(2.0);
        out.fill(Qt::black);
        QPainter p(&out);
        cache.draw(p, QPointF(5, 0), Qt::blue);
        p.end();
        QCOMPARE(out.pixel(30, 20), QColor(Qt::red).rgba()); // (10 + 5) * 2 device pixels
        QCOMPARE(out.pixel(31, 20), QColor(Qt::white).rgba());
        QCOMPARE(out.pixel(4, 20), QColor(Qt::blue).rgba());
        // An invalid fill leaves the strips to the caller (the map paints sea and land first).
        out.fill(Qt::black);
        QPainter q(&out);
        cache.draw(q, QPointF(5, 0), QColor());
        q.end();
        QCOMPARE(out.pixel(4, 20), QColor(Qt::black).rgba());
        cache.clear();
        QVERIFY(!cache.isValid());
    }
};

QTEST_MAIN(TestPanCache)
#include "tst_pancache.moc"
