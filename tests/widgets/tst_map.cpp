// The map: the basemap resource, the location query, clustering, its item model, and the dock
// driven with real clicks, hover and wheel on the offscreen platform.

#include "common/testutil.h"
#include "common/views1fixture.h"

#include "case/casefile.h"
#include "case/casesession.h"
#include "case/sqlite.h"
#include "core/event.h"
#include "items/mapclusterer.h"
#include "items/mapdata.h"
#include "items/maplocationmodel.h"
#include "items/roles.h"
#include "items/selectionhub.h"
#include "map/mapcanvas.h"
#include "map/mapview.h"
#include "render/mapbasemap.h"
#include "render/maprenderer.h"
#include "store/eventwriter.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace netcase;
namespace v = netcase::test::views;

namespace {

/// A case of flows: 203.0.113.7 (Paris) sends 40 events to 198.51.100.9 (Sydney), and Sydney
/// also sends 5 of its own to Paris.
bool makeFlowCase(const QString &path)
{
    auto created = CaseFile::create(path, CaseInfo());
    if (!created)
        return false;
    Database &db = created->db();
    Transaction tx(db);
    bool ok = bool(db.exec("INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                           "VALUES (1, 'fw.log', '/dev/null', 'x', 0, 'firewall', '')"));
    EventWriter w(db, 1);
    for (int i = 0; i < 45; ++i) {
        Event e;
        e.line = i + 1;
        e.timestampUs = v::kBaseUs + i * v::kMinuteUs;
        e.sourceIp = i < 40 ? v::kParis : v::kSydney;
        e.destinationIp = i < 40 ? v::kSydney : v::kParis;
        ok = ok && bool(w.add(e, "flow " + std::to_string(i)));
    }
    ok = ok && w.finish();
    ok = ok
         && bool(db.exec("INSERT INTO enrich_sources(id, kind, type, name, path, sha256, "
                         "build_date, loaded_at) VALUES (1, 'mmdb', 'GeoLite2-City', 'c', '/x', "
                         "'aa', '2025-01-07', '')"))
         && bool(db.exec("INSERT INTO enrich_runs(id, started_at, sources) VALUES (1, '', '[1]')"));
    for (const auto &[ip, lat, lon] :
         {std::tuple{v::kParis, 48.8566, 2.3522}, std::tuple{v::kSydney, -33.8688, 151.2093}}) {
        Statement st = db.prepare("INSERT INTO ip_info(ip_id, run_id, current, address_class, "
                                  "latitude, longitude, provenance, sources) VALUES ((SELECT id "
                                  "FROM ips WHERE ip = ?), 1, 1, 'public', ?, ?, '{}', '[1]')");
        st.bind(1, ip).bind(2, lat).bind(3, lon);
        ok = ok && bool(st.exec());
    }
    return ok && bool(tx.commit());
}

const MapLocation *locationOf(const MapData &d, const char *ip, MapLocation::Role role)
{
    for (const MapLocation &l : d.locations)
        if (l.role == role && l.ips.contains(QString::fromLatin1(ip)))
            return &l;
    return nullptr;
}

} // namespace

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

    void destinationsAreDrawnApartFromSources()
    {
        const QString path = test::tempPath(QStringLiteral("flows.netcase"));
        QVERIFY(makeFlowCase(path));
        auto c = CaseFile::open(path);
        QVERIFY(c);
        const MapData d = MapData::load(c->db());
        const auto src = MapLocation::Role::Source, dst = MapLocation::Role::Destination;
        QVERIFY(locationOf(d, v::kParis, src) && locationOf(d, v::kSydney, dst));
        QCOMPARE(locationOf(d, v::kParis, src)->events, 40);
        QCOMPARE(locationOf(d, v::kSydney, dst)->events, 40);
        QCOMPARE(locationOf(d, v::kSydney, src)->events, 5);
        QCOMPARE(locationOf(d, v::kParis, dst)->events, 5);
        QCOMPARE(d.ipsWithEvents, 2);
        QCOMPARE(d.destinationIps, 2);
        // Sydney as source and as destination: two markers, never one mixed count.
        const auto clusters
                = clusterLocations(d.locations, MapProjection::fitWorld(QSizeF(900, 500)), 24);
        QCOMPARE(clusters.size(), size_t(4));
        QCOMPARE(std::count_if(clusters.begin(), clusters.end(),
                               [](const MapCluster &cl) { return cl.destination; }),
                 2);
    }

    void countsFollowAccountsAndTimeAndTheMapZoomsToTheSelection()
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
        const auto src = MapLocation::Role::Source;
        auto events = [&](const char *ip) -> std::int64_t {
            const MapLocation *l = locationOf(*view.model()->mapData(), ip, src);
            return l ? l->events : -1;
        };
        QCOMPARE(events(v::kParis), 100);
        QCOMPARE(events(v::kNewYork), 20);
        // An account: only its events are counted, and where they came from.
        hub.selectAccount(QStringLiteral("alice"));
        QTRY_VERIFY(loaded.count() >= 2);
        QCOMPARE(events(v::kParis), 100);
        QCOMPARE(events(v::kSydney), 30);
        QCOMPARE(events(v::kNewYork), -1);
        QVERIFY2(view.caption().contains(QStringLiteral("events of alice")),
                 qPrintable(view.caption()));
        // The timeline's range (day 2) narrows the counts further.
        hub.selectTimeRange(v::kBaseUs + 1440 * v::kMinuteUs, v::kBaseUs + 2880 * v::kMinuteUs);
        QTRY_VERIFY(loaded.count() >= 3);
        QCOMPARE(events(v::kParis), -1);
        QCOMPARE(events(v::kSydney), 30);
        // A finding: where its evidence came from (the fixture's first events are Paris's).
        hub.selectFinding(1, {1, 2, 3}, {QString::fromLatin1(v::kParis)}, {});
        QTRY_VERIFY(loaded.count() >= 4);
        QCOMPARE(events(v::kParis), 3);
        QCOMPARE(events(v::kSydney), -1);
        QVERIFY2(view.caption().contains(QStringLiteral("evidence")), qPrintable(view.caption()));

        // Selecting an address elsewhere brings it into view, closer than the world.
        MapCanvas *canvas = view.canvas();
        const double world = MapProjection::fitWorld(QSizeF(canvas->size())).pxPerDeg;
        hub.selectIp(QString::fromLatin1(v::kNewYork));
        QTRY_VERIFY(loaded.count() >= 5);
        QTRY_VERIFY(canvas->projection().pxPerDeg > world * 3);
        const QPoint ny = canvas->projection().toScreen(-74.006, 40.7128).toPoint();
        QVERIFY(canvas->rect().contains(ny));
        QVERIFY(!canvas->rect().contains(canvas->projection().toScreen(151.2, -33.9).toPoint()));
        // A click on the map selects without moving it.
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_Home);
        const MapProjection before = canvas->projection();
        const QPoint paris = before.toScreen(2.3522, 48.8566).toPoint();
        QTest::mouseClick(canvas, Qt::LeftButton, {}, paris);
        QTRY_COMPARE(hub.selection().ips, QStringList{QString::fromLatin1(v::kParis)});
        QCOMPARE(canvas->projection().pxPerDeg, before.pxPerDeg);
        QCOMPARE(canvas->projection().centerLon, before.centerLon);
    }

    void arcLabelsNeverOverlap()
    {
        MapData d;
        for (int i = 0; i < 6; ++i) { // repeated travel: the same two places, six findings
            TravelArc a;
            a.findingId = i + 1;
            a.fromLat = 48.86;
            a.fromLon = 2.35;
            a.toLat = i % 2 ? 52.52 : -33.87; // Berlin, close by, or Sydney
            a.toLon = i % 2 ? 13.40 : 151.21;
            a.toUs = 3'600'000'000LL * (i + 1);
            a.distanceKm = 900 + i;
            a.speedKmh = 16000 + i;
            d.arcs.push_back(a);
        }
        QFont font;
        const auto labels
                = MapRenderer::arcLabels(MapProjection::fitWorld(QSizeF(700, 400)), d, font);
        QVERIFY(labels.size() >= 3);
        for (size_t i = 0; i < labels.size(); ++i)
            for (size_t j = i + 1; j < labels.size(); ++j)
                QVERIFY2(!labels[i].rect.intersects(labels[j].rect),
                         qPrintable(QStringLiteral("#%1 and #%2")
                                            .arg(labels[i].findingId)
                                            .arg(labels[j].findingId)));
    }

    void legendAvoidsTheData()
    {
        // Every location in the south-west, where the legend usually sits.
        MapData d;
        for (int i = 0; i < 30; ++i) {
            MapLocation l;
            l.lat = -40 - (i % 5) * 3;
            l.lon = -170 + (i / 5) * 8;
            l.events = 100;
            l.ips << QStringLiteral("198.51.100.%1").arg(i);
            d.locations.push_back(l);
        }
        const MapProjection proj = MapProjection::fitWorld(QSizeF(900, 500));
        const auto clusters = clusterLocations(d.locations, proj, 24);
        QFont font;
        const QRectF legend = MapRenderer::legendRect(proj, clusters, font);
        for (const MapCluster &cl : clusters)
            QVERIFY(!legend.contains(cl.pos));
        // With nothing there, it stays bottom left.
        const QRectF empty = MapRenderer::legendRect(proj, {}, font);
        QVERIFY(empty.left() < 20 && empty.bottom() > 450);
    }

private:
    QString m_path;
};

QTEST_MAIN(MapTest)
#include "tst_map.moc"
