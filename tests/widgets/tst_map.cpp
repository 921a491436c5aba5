// The map: the basemap resource, the location query, clustering, its item model, and the dock
// driven with real clicks, hover and wheel on the offscreen platform.

#include "common/testutil.h"
#include "common/views1fixture.h"

#include "case/casesession.h"
#include "items/mapclusterer.h"
#include "items/mapdata.h"
#include "items/maplocationmodel.h"
#include "items/roles.h"
#include "items/selectionhub.h"
#include "map/mapcanvas.h"
#include "map/mapview.h"
#include "render/mapbasemap.h"
#include "render/maprenderer.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace netcase;
namespace v = netcase::test::views;

class MapTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("map.netcase"));
        QVERIFY(v::makeViewsCase(m_path));
    }

    void basemapLoadsFromResources()
    {
        const MapBasemap &coarse = MapBasemap::get(MapBasemap::Detail::Coarse);
        const MapBasemap &fine = MapBasemap::get(MapBasemap::Detail::Fine);
        QVERIFY(coarse.rings() > 200);
        QVERIFY(fine.points() > coarse.points() * 5);
        // Paris is on land, the middle of the Atlantic is not.
        QVERIFY(coarse.path().contains(QPointF(2.35, 48.85)));
        QVERIFY(!coarse.path().contains(QPointF(-35, 30)));
        // A truncated file is refused whole, never half-drawn.
        const QString bad = test::tempPath(QStringLiteral("bad.ncmap"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("NCBM\x01\x00\x05\x00\x00\x00\x00\x00\xff\xff\x00\x00", 16));
        f.close();
        QVERIFY(MapBasemap::load(bad).isEmpty());
        QVERIFY(MapBasemap::load(test::tempPath(QStringLiteral("missing"))).isEmpty());
    }

    void dataCountsWhatItCannotShow()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        const MapData d = MapData::load(c->db());
        QCOMPARE(d.locations.size(), size_t(3));
        QCOMPARE(d.ipsWithEvents, 4);
        QCOMPARE(d.ipsWithoutLocation, 1);
        QCOMPARE(d.privateIps, 1);
        const MapLocation *paris = nullptr;
        for (const MapLocation &l : d.locations)
            if (l.ips.contains(QString::fromLatin1(v::kParis)))
                paris = &l;
        QVERIFY(paris);
        QCOMPARE(paris->events, 100);
        QCOMPARE(paris->accuracyKm, 20);
        QCOMPARE(paris->severity, 80);
        QCOMPARE(paris->place, QStringLiteral("Paris, FR"));
        // The impossible-travel finding has no coordinates: they come from its two addresses.
        QCOMPARE(d.arcs.size(), size_t(1));
        QCOMPARE(d.arcs[0].speedKmh, 16000.0);
        QVERIFY(qAbs(d.arcs[0].distanceKm - 16960) < 1);
        QVERIFY(qAbs(qAbs(d.arcs[0].fromLat) - 33.87) < 0.01
                || qAbs(d.arcs[0].fromLat - 48.86) < 0.01);
        QCOMPARE(d.arcsWithoutCoordinates, 0);
    }

    void clusteringMergesWhenZoomedOut()
    {
        std::vector<MapLocation> locs(3);
        locs[0].lat = 48.85, locs[0].lon = 2.35, locs[0].events = 10,
        locs[0].ips = {QStringLiteral("a")};
        locs[1].lat = 48.90, locs[1].lon = 2.40, locs[1].events = 5,
        locs[1].ips = {QStringLiteral("b")};
        locs[2].lat = -33.8, locs[2].lon = 151.2, locs[2].events = 1,
        locs[2].ips = {QStringLiteral("c")};
        locs[1].severity = 70;
        const MapProjection world = MapProjection::fitWorld(QSizeF(800, 400));
        auto cs = clusterLocations(locs, world, 30);
        QCOMPARE(cs.size(), size_t(2));
        const auto &paris = cs[0].members.size() == 2 ? cs[0] : cs[1];
        QCOMPARE(paris.events, 15);
        QCOMPARE(paris.severity, 70);
        MapProjection close = world;
        close.zoomAt(world.toScreen(2.37, 48.87), 400);
        cs = clusterLocations(locs, close, 30);
        QCOMPARE(cs.size(), size_t(2)); // Sydney is off screen, the two Paris points separate
        QCOMPARE(cs[0].members.size(), size_t(1));
        QVERIFY(markerRadius(10000) > markerRadius(10));
    }

    void modelUnderTester()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        MapLocationModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMapData(std::make_shared<MapData>(MapData::load(c->db())));
        QCOMPARE(model.rowCount(), 3);
        const int row = model.rowOfIp(QString::fromLatin1(v::kSydney));
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row).data(roles::Count).toLongLong(), 30);
        QVERIFY(qAbs(model.index(row).data(roles::Latitude).toDouble() + 33.8688) < 1e-6);
        model.setMapData(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void rendersOnLightAndDarkPalettes()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        const MapData d = MapData::load(c->db());
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
        dark.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        for (const QPalette &pal : {QPalette(), dark}) {
            QImage img(800, 420, QImage::Format_ARGB32_Premultiplied);
            img.fill(Qt::transparent);
            MapProjection proj = MapProjection::fitWorld(QSizeF(img.size()));
            MapScene scene;
            scene.data = &d;
            scene.clusters = clusterLocations(d.locations, proj, 30);
            QPainter p(&img);
            MapRenderer::paint(p, proj, scene, pal, QFont());
            p.end();
            // The marker at Paris has the high-severity colour.
            const QPoint at = proj.toScreen(2.3522, 48.8566).toPoint();
            QCOMPARE(QColor(img.pixel(at)).rgb() & 0xffffff,
                     MapRenderer::severityColor(80, pal).rgb() & 0xffffff);
            // Land and water differ (the basemap was drawn).
            QVERIFY(img.pixel(proj.toScreen(20, 5).toPoint())
                    != img.pixel(proj.toScreen(-35, 30).toPoint()));
        }
    }

    void clickSelectsHoverExplainsWheelZooms()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        MapView view(hub);
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&view, &MapView::loaded);
        view.setSession(&session);
        QTRY_VERIFY(loaded.count() >= 1);
        QVERIFY2(view.caption().contains(QStringLiteral("1 of 4 IPs have no location")),
                 qPrintable(view.caption()));
        QVERIFY(view.caption().contains(QStringLiteral("1 private or reserved")));

        MapCanvas *canvas = view.canvas();
        QTest::qWait(50); // let the caption's new height settle the canvas size
        const QPoint sydney = canvas->projection().toScreen(151.2093, -33.8688).toPoint();
        QVERIFY(canvas->clusterAt(sydney) >= 0);
        QTest::mouseMove(canvas, sydney);
        QTest::mouseClick(canvas, Qt::LeftButton, {}, sydney);
        QTRY_COMPARE(hub.selection().ips, QStringList{QString::fromLatin1(v::kSydney)});
        // A click on the sea selects nothing new.
        QTest::mouseClick(canvas, Qt::LeftButton, {},
                          canvas->projection().toScreen(-35, 30).toPoint());
        QCOMPARE(hub.selection().ips, QStringList{QString::fromLatin1(v::kSydney)});

        // Wheel zooms around the cursor: Sydney stays under it.
        const double before = canvas->projection().pxPerDeg;
        QWheelEvent wheel(QPointF(sydney), canvas->mapToGlobal(QPointF(sydney)), QPoint(),
                          QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(canvas, &wheel);
        QVERIFY(canvas->projection().pxPerDeg > before * 1.4);
        const QPointF after = canvas->projection().toScreen(151.2093, -33.8688);
        QVERIFY2(qAbs(after.x() - sydney.x()) < 2 && qAbs(after.y() - sydney.y()) < 2,
                 qPrintable(QStringLiteral("%1,%2 vs %3,%4")
                                    .arg(after.x())
                                    .arg(after.y())
                                    .arg(sydney.x())
                                    .arg(sydney.y())));

        // Dragging pans.
        const double lon = canvas->projection().centerLon;
        QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(400, 250));
        QTest::mouseMove(canvas, QPoint(420, 250));
        QTest::mouseMove(canvas, QPoint(500, 250));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(500, 250));
        QVERIFY(canvas->projection().centerLon < lon);
        QCOMPARE(hub.selection().ips, QStringList{QString::fromLatin1(v::kSydney)});

        // Keyboard: Home fits the world again; + zooms one shared step (PanZoomNavigator, as the
        // graph does) and 0 fits again, as in the graph.
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Home);
        QVERIFY(canvas->projection().pxPerDeg < before * 1.01);
        const double fitted = canvas->projection().pxPerDeg;
        QTest::keyClick(canvas, Qt::Key_Plus);
        QVERIFY(qAbs(canvas->projection().pxPerDeg / fitted - PanZoomNavigator::kKeyStep) < 1e-9);
        QTest::keyClick(canvas, Qt::Key_0);
        QCOMPARE(canvas->projection().pxPerDeg, fitted);
    }

    void dragShiftsTheCachedLayer()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        MapView view(hub);
        view.resize(900, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&view, &MapView::loaded);
        view.setSession(&session);
        QTRY_VERIFY(loaded.count() >= 1);
        QTest::qWait(50);
        MapCanvas *canvas = view.canvas();
        const QImage before = canvas->grab().toImage();
        const int renders = canvas->layerRenders();
        const double lon = canvas->projection().centerLon;

        QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(300, 200));
        QTest::mouseMove(canvas, QPoint(320, 210));
        QTest::mouseMove(canvas, QPoint(360, 230));
        const QImage during = canvas->grab().toImage();
        QCOMPARE(canvas->layerRenders(), renders); // frames of a drag only blit
        QVERIFY(canvas->projection().centerLon < lon);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(360, 230));
        const QImage after = canvas->grab().toImage();
        QCOMPARE(canvas->layerRenders(), renders + 1);

        // Away from the legend and the edges, the shifted layer equals the fresh render, and
        // the picture did move by the drag (60, 30).
        const QRect inner(QPoint(80, 50), QPoint(canvas->width() - 20, canvas->height() / 2));
        int differs = 0, same = 0;
        for (int y = inner.top(); y <= inner.bottom(); ++y) {
            for (int x = inner.left(); x <= inner.right(); ++x) {
                differs += during.pixel(x, y) != after.pixel(x, y) ? 1 : 0;
                same += during.pixel(x, y) == before.pixel(x - 60, y - 30) ? 1 : 0;
            }
        }
        const int area = inner.width() * inner.height();
        QVERIFY2(differs < area / 200,
                 qPrintable(QStringLiteral("%1 of %2 pixels differ").arg(differs).arg(area)));
        QVERIFY2(same > area * 95 / 100, qPrintable(QString::number(same)));
    }

private:
    QString m_path;
};

QTEST_MAIN(MapTest)
#include "tst_map.moc"
