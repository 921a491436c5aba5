// Graph view benchmark: lays out a synthetic entity graph of N nodes (or a real case's graph)
// with the Barnes–Hut force layout and times frames of panned painting at 1600x1000, both ways
// the canvas paints: a full frame (what a zoom or a release costs) and a pan frame with the
// cached layer (what every mouse move of a drag costs: blit shifted, overlay, legend).
// Usage: bench_graph [--nodes N] [--case FILE] [--frames F] [--png OUT]

#include "case/casefile.h"
#include "items/graph/graphbuilder.h"
#include "items/graph/graphscene.h"
#include "render/graphpainter.h"
#include "render/pancache.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <memory>
#include <numeric>
#include <thread>
#include <vector>

using namespace netcase;
using namespace netcase::graph;

namespace {

// A synthetic case-shaped graph: accounts signing in from a few addresses each (a heavy
// tail of shared addresses), addresses grouped into ASNs, agents per account, a few hosts.
std::shared_ptr<GraphData> synthetic(int target)
{
    auto g = std::make_shared<GraphData>();
    std::uint64_t state = 12345;
    auto rnd = [&state](int n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return int((state >> 33) % std::uint64_t(n));
    };
    const int ipCount = target * 55 / 100;
    const int asns = std::max(1, target * 6 / 100);
    const int agents = std::max(1, target * 8 / 100);
    const int hosts = std::max(1, target / 100);
    // Accounts are added until the graph reaches the target size.
    for (int a = 0; int(g->nodes.size()) < target; ++a) {
        const int user = g->node(NodeType::Account, QStringLiteral("user%1").arg(a));
        const int ips = 1 + rnd(3);
        for (int k = 0; k < ips; ++k) {
            // Skewed choice: low-numbered addresses are shared by many accounts.
            const int pick = rnd(2) ? rnd(std::max(1, ipCount / 20)) : rnd(ipCount);
            const int ip = g->node(NodeType::Ip, QStringLiteral("10.%1.%2.%3")
                                                         .arg(pick / 65536)
                                                         .arg(pick / 256 % 256)
                                                         .arg(pick % 256));
            const int n = 1 + rnd(200);
            g->nodes[size_t(user)].events += n;
            g->nodes[size_t(ip)].events += n;
            g->addEdge(ip, user, n);
            const int asn = g->node(NodeType::Asn, QString::number(64512 + pick % asns));
            g->nodes[size_t(asn)].events += n;
            g->addEdge(ip, asn, n);
            const int host = g->node(NodeType::Host, QStringLiteral("host%1").arg(rnd(hosts)));
            g->nodes[size_t(host)].events += n;
            g->addEdge(ip, host, n);
        }
        const int ua = g->node(NodeType::UserAgent, QStringLiteral("agent/%1").arg(rnd(agents)));
        g->nodes[size_t(ua)].events += 10;
        g->addEdge(user, ua, 10);
    }
    return g;
}

// CPU time of the whole process (all threads): unlike the wall clock it does not grow when
// other work on a shared machine takes the cores.
double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void report(const char *what, double zoom, const std::vector<double> &ms, double cpu)
{
    std::printf("%-26s zoom %.0fx: %zu frames, median %.1f ms, mean %.1f ms, worst %.1f ms, "
                "cpu %.1f ms/frame\n",
                what, zoom, ms.size(), median(ms),
                ms.empty() ? 0.0 : std::accumulate(ms.begin(), ms.end(), 0.0) / double(ms.size()),
                ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()),
                ms.empty() ? 0.0 : cpu / double(ms.size()));
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto value = [&](const char *name, const QString &fallback) {
        const int i = args.indexOf(QLatin1String(name));
        return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
    };
    const int target = value("--nodes", QStringLiteral("5000")).toInt();
    const int frames = value("--frames", QStringLiteral("60")).toInt();
    const QString casePath = value("--case", {});
    const QString png = value("--png", {});

    QElapsedTimer timer;
    std::shared_ptr<GraphData> data;
    timer.start();
    if (!casePath.isEmpty()) {
        auto c = CaseFile::open(casePath, CaseFile::OpenOptions{true, false, false});
        if (!c) {
            std::fprintf(stderr, "%s\n", qPrintable(c.error().message));
            return 2;
        }
        auto g = GraphBuilder::load(c->db());
        if (!g) {
            std::fprintf(stderr, "%s\n", qPrintable(g.error().message));
            return 2;
        }
        data = std::make_shared<GraphData>(std::move(*g));
        std::printf("graph from case: %lld ms\n", qint64(timer.elapsed()));
    } else {
        data = synthetic(target);
    }
    std::printf("graph: %zu nodes, %zu edges\n", data->nodes.size(), data->edges.size());

    SceneOptions options;
    options.cap = 5000;
    const double layoutCpu = cpuMs();
    const GraphScene scene = GraphScene::build(data, options);
    std::printf("layout: %zu nodes, %zu edges shown, %d iterations%s, %lld ms (cpu %.0f ms, "
                "%u hardware threads)\n",
                scene.nodes().size(), scene.edges().size(), scene.layoutStats().iterations,
                scene.layoutStats().converged ? " (converged)" : "", scene.layoutMs(),
                cpuMs() - layoutCpu, std::thread::hardware_concurrency());

    QImage image(1600, 1000, QImage::Format_ARGB32_Premultiplied);
    const QRectF viewport(0, 0, image.width(), image.height());
    const QRectF b = scene.bounds();
    const double fit
            = std::min(viewport.width() / b.width(), viewport.height() / b.height()) * 0.95;
    QPalette palette;
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, Qt::black);
    const GraphStyle style = GraphStyle::fromPalette(palette);
    GraphHighlight hl;
    hl.hovered = scene.nodes().empty() ? -1 : 0; // a node under the mouse: the overlay
    for (double zoom : {1.0, 4.0}) {
        auto viewAt = [&](QPointF pan) {
            QTransform view;
            view.translate(viewport.center().x() + pan.x(), viewport.center().y() + pan.y());
            view.scale(fit * zoom, fit * zoom);
            view.translate(-b.center().x(), -b.center().y());
            return view;
        };
        // Full frames, panned a little each time (a zoom step or the render after a release).
        std::vector<double> full;
        double cpu = cpuMs();
        for (int f = 0; f < frames; ++f) {
            QElapsedTimer frame;
            frame.start();
            QPainter p(&image);
            GraphPainter::paint(p, scene, viewAt(QPointF(f * 7, f * 3)), viewport, style, hl);
            GraphPainter::paintLegend(p, viewport, style);
            p.end();
            full.push_back(double(frame.nsecsElapsed()) / 1e6);
        }
        report("full paint", zoom, full, cpuMs() - cpu);
        if (!png.isEmpty() && zoom == 1.0)
            image.save(png);

        // A drag as GraphCanvas paints it: the layer rendered once at the start, then every
        // mouse move blits it shifted and draws the overlay and the legend on top.
        PanCache layer;
        QElapsedTimer once;
        once.start();
        layer.render(image.size(), 1.0, [&](QPainter &lp) {
            GraphPainter::paintLayer(lp, scene, viewAt({}), viewport, style, hl);
        });
        std::printf("%-26s zoom %.0fx: %.1f ms\n", "layer render (release)", zoom,
                    double(once.nsecsElapsed()) / 1e6);
        std::vector<double> pan;
        cpu = cpuMs();
        for (int f = 1; f <= frames; ++f) {
            QElapsedTimer frame;
            frame.start();
            const QPointF offset(f * 7, f * 3);
            QPainter p(&image);
            layer.draw(p, offset, style.background);
            GraphPainter::paintOverlay(p, scene, viewAt(offset), viewport, style, hl);
            GraphPainter::paintLegend(p, viewport, style);
            p.end();
            pan.push_back(double(frame.nsecsElapsed()) / 1e6);
        }
        report("pan with cache", zoom, pan, cpuMs() - cpu);
        if (!png.isEmpty() && zoom == 1.0)
            image.save(QString(png).replace(QStringLiteral(".png"), QStringLiteral("-pan.png")));
    }
    return 0;
}
