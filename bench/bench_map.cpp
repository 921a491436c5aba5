// Map smoothness with 100,000 distinct located addresses: times the grid clustering pass and a
// full paint (basemap, arcs, markers, legend) into a 1600x1000 image, at world zoom and zoomed
// in, as a zoom frame or the render after a pan does; then a drag as MapCanvas paints it (the
// layer rendered once, each mouse move a shifted blit plus overlay and legend).
// Usage: bench_map [LOCATIONS]   (see bench/map.sh)

#include "core/geo.h"
#include "items/mapclusterer.h"
#include "items/mapdata.h"
#include "render/maprenderer.h"
#include "render/pancache.h"

#include <QElapsedTimer>
#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace netcase;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void run(const char *label, const MapData &data, MapProjection proj, int reps)
{
    std::vector<double> clusterMs, paintMs;
    size_t markers = 0;
    QImage img(proj.size.toSize(), QImage::Format_ARGB32_Premultiplied);
    for (int i = 0; i < reps; ++i) {
        proj.panBy({3.0, 0}); // a new view every frame, as while dragging
        QElapsedTimer t;
        t.start();
        MapScene scene;
        scene.data = &data;
        scene.clusters = clusterLocations(data.locations, proj, 30);
        clusterMs.push_back(double(t.nsecsElapsed()) / 1e6);
        markers = scene.clusters.size();
        t.start();
        QPainter p(&img);
        MapRenderer::paint(p, proj, scene, QGuiApplication::palette(), QFont());
        p.end();
        paintMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("%-22s %6zu markers: cluster median %6.2f ms (max %6.2f), paint median %6.2f ms "
                "(max %6.2f)\n",
                label, markers, median(clusterMs),
                *std::max_element(clusterMs.begin(), clusterMs.end()), median(paintMs),
                *std::max_element(paintMs.begin(), paintMs.end()));

    // A drag: the layer (basemap, arcs, markers) rendered at the press, then per mouse move
    // the cached layer shifted by the drag so far, the legend on top (no hover while dragging).
    const MapProjection start = proj;
    PanCache layer;
    QElapsedTimer once;
    once.start();
    MapScene scene;
    scene.data = &data;
    scene.clusters = clusterLocations(data.locations, start, 30);
    layer.render(img.size(), 1.0, [&](QPainter &lp) {
        MapRenderer::paintLayer(lp, start, scene, QGuiApplication::palette(), QFont());
    });
    const double renderMs = double(once.nsecsElapsed()) / 1e6;
    std::vector<double> panMs;
    MapProjection now = start;
    for (int i = 0; i < reps; ++i) {
        now.panBy({3.0, 1.0});
        QElapsedTimer t;
        t.start();
        QPainter p(&img);
        const QPointF offset = now.toScreen(start.centerLon, start.centerLat)
                               - start.toScreen(start.centerLon, start.centerLat);
        // As MapCanvas: base, the world's sea where the shift exposes it, then the layer.
        p.fillRect(QRectF(QPointF(0, 0), now.size),
                   QGuiApplication::palette().color(QPalette::Base));
        p.fillRect(QRectF(now.toScreen(-180, 90), now.toScreen(180, -90)),
                   MapRenderer::waterColor(QGuiApplication::palette()));
        layer.draw(p, offset, QColor());
        MapRenderer::paintOverlay(p, now, MapScene{}, QGuiApplication::palette(), QFont());
        p.end();
        panMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("%-22s pan with cache: layer render %6.2f ms once, pan frame median %6.2f ms "
                "(max %6.2f)\n",
                label, renderMs, median(panMs), *std::max_element(panMs.begin(), panMs.end()));
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
    // Locations clustered around 200 cities (as real traffic is), each with an accuracy radius.
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> lat(-50, 65), lon(-170, 175), jitter(-2, 2);
    std::vector<std::pair<double, double>> cities(200);
    for (auto &c : cities)
        c = {lat(rng), lon(rng)};
    MapData data;
    data.locations.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        const auto &c = cities[size_t(i) % cities.size()];
        MapLocation l;
        l.lat = std::clamp(c.first + jitter(rng), -89.0, 89.0);
        l.lon = std::clamp(c.second + jitter(rng), -179.0, 179.0);
        l.accuracyKm = 20 + i % 200;
        l.ips = {QStringLiteral("10.%1.%2.%3").arg(i >> 16).arg((i >> 8) & 255).arg(i & 255)};
        l.events = 1 + (i * 7919) % 5000;
        l.severity = i % 50 == 0 ? (i % 100) : -1;
        data.locations.push_back(l);
    }
    for (int i = 0; i < 40; ++i) {
        TravelArc a;
        a.fromLat = cities[size_t(i)].first, a.fromLon = cities[size_t(i)].second;
        a.toLat = cities[size_t(i + 1)].first, a.toLon = cities[size_t(i + 1)].second;
        a.toUs = 3'600'000'000;
        a.distanceKm = greatCircleKm(a.fromLat, a.fromLon, a.toLat, a.toLon);
        a.speedKmh = a.distanceKm;
        a.severity = 80;
        data.arcs.push_back(a);
    }
    std::printf("%d locations, %zu impossible-travel arcs, 1600x1000 image\n", n, data.arcs.size());
    const QSizeF size(1600, 1000);
    MapProjection world = MapProjection::fitWorld(size);
    run("world (coarse basemap)", data, world, 30);
    MapProjection region = world;
    region.zoomAt(world.toScreen(cities[0].second, cities[0].first), 4);
    run("4x (fine basemap)", data, region, 30);
    MapProjection city = world;
    city.zoomAt(world.toScreen(cities[0].second, cities[0].first), 40);
    run("40x (fine basemap)", data, city, 30);
    return 0;
}
