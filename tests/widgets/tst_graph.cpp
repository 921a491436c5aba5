// The network graph: the analysis's entity graph of the case, capped honestly, laid out in a
// worker, and linked: clicking a node publishes it to the hub; the hub's selection is drawn.

#include "common/testutil.h"
#include "common/views2fixture.h"

#include "case/casesession.h"
#include "graph/graphcanvas.h"
#include "graph/graphview.h"
#include "items/graph/graphbuilder.h"
#include "items/graph/graphscene.h"
#include "items/selectionhub.h"
#include "render/graphimage.h"
#include "render/graphpainter.h"

#include <QApplication>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QMap>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>
#include <QXmlStreamReader>

using namespace netcase;
using namespace netcase::graph;
namespace v = netcase::test::views;
namespace v2 = netcase::test::views2;

class TestGraph : public QObject
{
    Q_OBJECT
    QString m_path;

    std::unique_ptr<CaseSession> session()
    {
        auto c = CaseFile::open(m_path);
        if (!c)
            return nullptr;
        return std::make_unique<CaseSession>(std::move(*c), false);
    }

    static bool waitForScene(GraphView &view)
    {
        QSignalSpy ready(&view, &GraphView::sceneReady);
        return ready.wait(20000) || (!view.busy() && view.canvas()->scene());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("graph.netcase"));
        QVERIFY(v2::makeCase(m_path));
    }

    void builderAggregatesEdges()
    {
        auto c = CaseFile::open(m_path, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c);
        auto g = GraphBuilder::load(c->db());
        QVERIFY(g);
        const int paris = g->find(NodeType::Ip, QString::fromLatin1(v::kParis));
        const int alice = g->find(NodeType::Account, QStringLiteral("alice"));
        const int carol = g->find(NodeType::Account, QString::fromLatin1(v2::kCarol));
        const int asn = g->find(NodeType::Asn, QStringLiteral("64500"));
        const int agent = g->find(NodeType::UserAgent, QString::fromLatin1(v2::kAgent));
        const int host = g->find(NodeType::Host, QString::fromLatin1(v2::kHost));
        QVERIFY(paris >= 0 && alice >= 0 && carol >= 0 && asn >= 0 && agent >= 0 && host >= 0);
        QCOMPARE(g->nodes[size_t(paris)].events, 100 + v2::kCarolEvents);
        QCOMPARE(g->nodes[size_t(alice)].events, 130);
        auto weight = [&](int a, int b, bool analysis) -> std::int64_t {
            for (const GraphEdge &e : g->edges) {
                if (((e.a == a && e.b == b) || (e.a == b && e.b == a)) && e.analysis == analysis)
                    return e.weight;
            }
            return -1;
        };
        QCOMPARE(weight(paris, alice, false), 100);
        QCOMPARE(weight(paris, carol, false), v2::kCarolEvents);
        QCOMPARE(weight(carol, agent, false), v2::kCarolEvents);
        QCOMPARE(weight(paris, host, false), v2::kCarolEvents);
        QCOMPARE(weight(paris, asn, false), 100 + v2::kCarolEvents);
        // Clusters are the analysis's own (analysis/correlation.h), computed from the events:
        // carol alone used her agent on the Paris address, so they are one actor's.
        QVERIFY(g->nodes[size_t(carol)].cluster > 0);
        QCOMPARE(g->nodes[size_t(paris)].cluster, g->nodes[size_t(carol)].cluster);
        QCOMPARE(weight(alice, carol, false), -1);
        // Only entities of the events become nodes (devices join clusters, undrawn): 4 addresses,
        // alice, bob, user0..5, carol, one agent, one host, one ASN.
        QCOMPARE(int(g->nodes.size()), 4 + 2 + 6 + 1 + 3);
    }

    void capIsHonestAndExpansionAddsNeighbours()
    {
        auto c = CaseFile::open(m_path, CaseFile::OpenOptions{true, false, false});
        auto g = GraphBuilder::load(c->db());
        QVERIFY(g);
        auto data = std::make_shared<const GraphData>(std::move(*g));
        SceneOptions o;
        o.cap = 3;
        GraphScene s = GraphScene::build(data, o);
        QCOMPARE(int(s.nodes().size()), 3);
        QCOMPARE(s.candidates(), 16);
        QCOMPARE(s.cappedOut(), 13);
        // The heaviest: the ASN (all enriched events), Paris (112), alice (130).
        QVERIFY(s.sceneIndexOf(data->find(NodeType::Account, QStringLiteral("alice"))) >= 0);
        const int ny = data->find(NodeType::Ip, QString::fromLatin1(v::kNewYork));
        QCOMPARE(s.sceneIndexOf(ny), -1);
        o.expanded.insert(ny);
        s = GraphScene::build(data, o);
        QCOMPARE(s.extra(), 1 + 6); // New York and its six accounts (the ASN is already shown)
        QVERIFY(s.sceneIndexOf(data->find(NodeType::Account, QStringLiteral("user3"))) >= 0);
        // Hidden types stay hidden unless expanded.
        SceneOptions hidden;
        hidden.shown[size_t(NodeType::Account)] = false;
        s = GraphScene::build(data, hidden);
        for (const SceneNode &n : s.nodes())
            QVERIFY(data->nodes[size_t(n.index)].type != NodeType::Account);
    }

    void clickingANodeSelectsItEverywhere()
    {
        auto sess = session();
        QVERIFY(sess);
        SelectionHub hub;
        GraphView view(hub);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(sess.get());
        QVERIFY(waitForScene(view));
        QVERIFY2(view.caption().contains(QStringLiteral("Showing all 16 nodes")),
                 qPrintable(view.caption()));

        const GraphData *g = view.canvas()->scene()->data();
        const int paris = g->find(NodeType::Ip, QString::fromLatin1(v::kParis));
        const QPointF at = view.canvas()->nodePosition(paris);
        QVERIFY(!at.isNull());
        QVERIFY(view.canvas()->rect().contains(at.toPoint()));
        QTest::mouseClick(view.canvas(), Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(hub.selection().ips, QStringList{QString::fromLatin1(v::kParis)});

        // Clicking an account publishes the account.
        const int bob = g->find(NodeType::Account, QStringLiteral("bob"));
        QTest::mouseClick(view.canvas(), Qt::LeftButton, {},
                          view.canvas()->nodePosition(bob).toPoint());
        QCOMPARE(hub.selection().accounts, QStringList{QStringLiteral("bob")});

        // The hub's selection from elsewhere is highlighted here.
        hub.selectAccount(QStringLiteral("alice"));
        QCOMPARE(view.canvas()->selectedNodes(),
                 QSet<int>{g->find(NodeType::Account, QStringLiteral("alice"))});
    }

    void capExpandAndTypeToggle()
    {
        auto sess = session();
        SelectionHub hub;
        GraphView view(hub);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(sess.get());
        QVERIFY(waitForScene(view));
        view.setCap(5);
        QVERIFY(waitForScene(view));
        QVERIFY2(view.caption().contains(QStringLiteral("Showing 5 of 16 nodes")),
                 qPrintable(view.caption()));

        // Double-click a shown node: its neighbours come in beyond the cap.
        const GraphData *g = view.canvas()->scene()->data();
        const int paris = g->find(NodeType::Ip, QString::fromLatin1(v::kParis));
        const size_t before = view.canvas()->scene()->nodes().size();
        QTest::mouseDClick(view.canvas(), Qt::LeftButton, {},
                           view.canvas()->nodePosition(paris).toPoint());
        QVERIFY(waitForScene(view));
        QVERIFY(view.canvas()->scene()->nodes().size() > before);
        QVERIFY(view.canvas()->scene()->sceneIndexOf(
                        g->find(NodeType::Host, QString::fromLatin1(v2::kHost)))
                >= 0);
        QVERIFY2(view.caption().contains(QStringLiteral("from expanded nodes")),
                 qPrintable(view.caption()));

        // Hiding user agents by their toolbar button.
        view.setCap(5000);
        QVERIFY(waitForScene(view));
        auto *button = view.findChild<QToolButton *>(QStringLiteral("show_user_agent"));
        QVERIFY(button);
        button->click();
        QVERIFY(waitForScene(view));
        const int agent = g->find(NodeType::UserAgent, QString::fromLatin1(v2::kAgent));
        QCOMPARE(view.canvas()->scene()->sceneIndexOf(agent), -1);
        QVERIFY(view.caption().contains(QStringLiteral("Hidden: user agents")));
    }

    void keyboardPicksNodes()
    {
        auto sess = session();
        SelectionHub hub;
        GraphView view(hub);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(sess.get());
        QVERIFY(waitForScene(view));
        view.canvas()->setFocus();
        const double zoom = view.canvas()->zoom();
        QTest::keyClick(view.canvas(), Qt::Key_Plus);
        QVERIFY(qAbs(view.canvas()->zoom() / zoom - PanZoomNavigator::kKeyStep) < 1e-9);
        // One wheel notch is the same step as on the map.
        const double keyed = view.canvas()->zoom();
        const QPointF mid(view.canvas()->width() / 2.0, view.canvas()->height() / 2.0);
        QWheelEvent wheel(mid, view.canvas()->mapToGlobal(mid), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.canvas(), &wheel);
        QVERIFY(qAbs(view.canvas()->zoom() / keyed - PanZoomNavigator::kWheelStep) < 1e-9);
        QTest::keyClick(view.canvas(), Qt::Key_0);
        QVERIFY(qAbs(view.canvas()->zoom() - zoom) < 1e-9);
        // ] focuses the heaviest node, Enter selects it (the ASN stands for its addresses).
        QTest::keyClick(view.canvas(), Qt::Key_BracketRight);
        QTest::keyClick(view.canvas(), Qt::Key_Return);
        QVERIFY(!hub.selection().isEmpty());
    }

    void dragBlitsTheLayerAndRendersOnRelease()
    {
        auto sess = session();
        SelectionHub hub;
        GraphView view(hub);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(sess.get());
        QVERIFY(waitForScene(view));
        GraphCanvas *canvas = view.canvas();
        canvas->setLegendVisible(false);
        const QImage before = canvas->grab().toImage();
        const int renders = canvas->layerRenders();

        // While the mouse drags, frames only shift the cached layer.
        QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(200, 200));
        QTest::mouseMove(canvas, QPoint(220, 210));
        QTest::mouseMove(canvas, QPoint(240, 220));
        const QImage during = canvas->grab().toImage();
        QCOMPARE(canvas->layerRenders(), renders);
        // The release renders the layer afresh, and it looks like the shifted one.
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(240, 220));
        const QImage after = canvas->grab().toImage();
        QCOMPARE(canvas->layerRenders(), renders + 1);
        QVERIFY(hub.selection().isEmpty()); // a drag is no click

        const QRect inner = canvas->rect().adjusted(50, 30, -50, -30);
        const QRgb bg = canvas->palette().color(QPalette::Base).rgba();
        int moved = 0, differs = 0, ink = 0;
        for (int y = inner.top(); y <= inner.bottom(); ++y) {
            for (int x = inner.left(); x <= inner.right(); ++x) {
                const QRgb px = during.pixel(x, y);
                ink += px != bg ? 1 : 0;
                differs += px != after.pixel(x, y) ? 1 : 0;
                moved += px != before.pixel(x, y) ? 1 : 0;
            }
        }
        const int area = inner.width() * inner.height();
        QVERIFY2(moved > ink / 4, "the drag did not move the picture");
        QVERIFY2(differs < area / 200, qPrintable(QStringLiteral("%1 of %2 pixels differ "
                                                                 "between blit and render")
                                                          .arg(differs)
                                                          .arg(area)));
    }

    void aSelectionStartsFromItsNeighbourhood()
    {
        auto sess = session();
        SelectionHub hub;
        GraphView view(hub);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(sess.get());
        QVERIFY(waitForScene(view));
        const GraphData *g = view.canvas()->scene()->data();
        const int all = int(view.canvas()->scene()->nodes().size());
        // New York from elsewhere: it and its neighbours, nothing else.
        const int ny = g->find(NodeType::Ip, QString::fromLatin1(v::kNewYork));
        QVERIFY(ny >= 0);
        hub.selectIp(QString::fromLatin1(v::kNewYork));
        QVERIFY(waitForScene(view));
        const GraphScene *scene = view.canvas()->scene();
        QVERIFY(scene->focused());
        QSet<int> expected{ny};
        for (int j : g->adjacency()[size_t(ny)])
            expected.insert(j);
        QSet<int> shown;
        for (const SceneNode &n : scene->nodes())
            shown.insert(n.index);
        QCOMPARE(shown, expected);
        QVERIFY(int(shown.size()) < all);
        QVERIFY2(view.caption().contains(QStringLiteral("Neighbourhood of the selection")),
                 qPrintable(view.caption()));
        // Clicking a node here selects it without redrawing the graph around it.
        int neighbour = -1; // an address or an account (an ASN selects all its addresses)
        for (int j : g->adjacency()[size_t(ny)])
            if (neighbour < 0 && g->nodes[size_t(j)].type != NodeType::Asn)
                neighbour = j;
        QVERIFY(neighbour >= 0);
        QTest::mouseClick(view.canvas(), Qt::LeftButton, {},
                          view.canvas()->nodePosition(neighbour).toPoint());
        QVERIFY(!hub.selection().isEmpty());
        QVERIFY(!view.busy());
        // "Whole graph" brings back every node.
        auto *whole = view.findChild<QToolButton *>(QStringLiteral("graphWhole"));
        QVERIFY(whole);
        QTest::mouseClick(whole, Qt::LeftButton);
        QVERIFY(waitForScene(view));
        QVERIFY(!view.canvas()->scene()->focused());
        QVERIFY(int(view.canvas()->scene()->nodes().size()) >= all);
    }

    void fiveThousandNodesNameTheirHeaviest()
    {
        auto data = std::make_shared<GraphData>();
        const int hub = data->node(NodeType::Account, QStringLiteral("svc-backup"));
        data->nodes[size_t(hub)].events = 900000;
        for (int i = 0; i < 5000; ++i) {
            const int n = data->node(
                    NodeType::Ip,
                    QStringLiteral("10.%1.%2.%3").arg(i / 65536).arg((i / 256) % 256).arg(i % 256));
            data->nodes[size_t(n)].events = 1 + (i * 7919) % 500;
            data->addEdge(hub, n, 1);
        }
        SceneOptions o;
        o.maxIterations = 3;
        const GraphScene scene = GraphScene::build(data, o);
        QCOMPARE(int(scene.nodes().size()), 5000); // the cap: the account and 4,999 addresses
        // Fitted into 900x600 every node is a dot, yet the heaviest are named.
        const QRectF viewport(0, 0, 900, 600);
        const QRectF b = scene.bounds();
        const double k = std::min(860 / b.width(), 560 / b.height());
        QTransform view;
        view.translate(450, 300);
        view.scale(k, k);
        view.translate(-b.center().x(), -b.center().y());
        const auto labelled = GraphPainter::labelled(scene, view, viewport, {},
                                                     QFontMetricsF(QApplication::font()));
        QVERIFY2(labelled.size() >= 5, qPrintable(QString::number(labelled.size())));
        QVERIFY(labelled.size() <= 250);
        QCOMPARE(scene.nodes()[size_t(labelled.front())].index, hub);
    }

    void columnsButtonLaysOutByKind()
    {
        auto sess = session();
        SelectionHub hub;
        GraphView view(hub);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(sess.get());
        QVERIFY(waitForScene(view));
        QCOMPARE(view.canvas()->scene()->layout(), SceneLayout::Force);
        QVERIFY(!view.canvas()->scene()->hulls().empty()); // carol's cluster

        auto *columns = view.findChild<QToolButton *>(QStringLiteral("graphColumns"));
        QVERIFY(columns);
        QTest::mouseClick(columns, Qt::LeftButton);
        QVERIFY(waitForScene(view));
        const GraphScene *scene = view.canvas()->scene();
        QCOMPARE(scene->layout(), SceneLayout::Columns);
        QVERIFY(scene->hulls().empty());
        // One x per kind, left to right: agents, accounts, addresses, networks, hosts.
        QMap<NodeType, QSet<double>> xs;
        for (const SceneNode &n : scene->nodes())
            xs[scene->data()->nodes[size_t(n.index)].type].insert(n.pos.x());
        QCOMPARE(xs.size(), kNodeTypeCount);
        for (const auto &set : std::as_const(xs))
            QCOMPARE(set.size(), 1);
        auto x = [&](NodeType t) {
            return *xs.value(t).begin();
        };
        QVERIFY(x(NodeType::UserAgent) < x(NodeType::Account));
        QVERIFY(x(NodeType::Account) < x(NodeType::Ip));
        QVERIFY(x(NodeType::Ip) < x(NodeType::Asn));
        QVERIFY(x(NodeType::Asn) < x(NodeType::Host));
        if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
            QVERIFY(view.grab().save(shots + QStringLiteral("/graph-columns.png")));
        // The whole layout is in view, and a click still picks a node.
        const int paris = scene->data()->find(NodeType::Ip, QString::fromLatin1(v::kParis));
        const QPoint at = view.canvas()->nodePosition(paris).toPoint();
        QVERIFY(view.canvas()->rect().contains(at));
        QTest::mouseClick(view.canvas(), Qt::LeftButton, {}, at);
        QCOMPARE(hub.selection().ips, QStringList{QString::fromLatin1(v::kParis)});

        QTest::mouseClick(columns, Qt::LeftButton); // back to communities
        QVERIFY(waitForScene(view));
        QCOMPARE(view.canvas()->scene()->layout(), SceneLayout::Force);
    }

    void exportsGraphMlAndPng()
    {
        auto sess = session();
        SelectionHub hub;
        GraphView view(hub);
        view.resize(900, 600);
        view.show();
        view.setSession(sess.get());
        QVERIFY(waitForScene(view));
        const GraphScene *scene = view.canvas()->scene();
        const QString xml = test::tempPath(QStringLiteral("graph.graphml"));
        QVERIFY(view.exportGraphMl(xml).ok());
        QFile f(xml);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader r(&f);
        int nodes = 0, edges = 0;
        QStringList values;
        QString key;
        while (!r.atEnd()) {
            r.readNext();
            if (r.isStartElement() && r.name() == QLatin1String("node"))
                ++nodes;
            if (r.isStartElement() && r.name() == QLatin1String("edge"))
                ++edges;
            if (r.isStartElement() && r.name() == QLatin1String("data")
                && r.attributes().value(QLatin1String("key")) == QLatin1String("value"))
                values << r.readElementText();
        }
        QVERIFY2(!r.hasError(), qPrintable(r.errorString()));
        QCOMPARE(nodes, int(scene->nodes().size()));
        QCOMPARE(edges, int(scene->edges().size()));
        QVERIFY(values.contains(QString::fromLatin1(v::kParis)));
        QVERIFY(values.contains(QString::fromLatin1(v2::kAgent)));

        const QString png = test::tempPath(QStringLiteral("graph.png"));
        QVERIFY(view.exportPng(png).ok());
        const QImage img(png);
        QCOMPARE(img.size(), QSize(2400, 1600));
        const QRgb bg = img.pixel(1, 1);
        int ink = 0;
        for (int y = 0; y < img.height(); y += 8)
            for (int x = 0; x < img.width(); x += 8)
                ink += img.pixel(x, y) != bg ? 1 : 0;
        QVERIFY2(ink > 200, qPrintable(QString::number(ink)));
        // A folder that cannot be written is an error, not a crash.
        QVERIFY(!view.exportPng(QStringLiteral("/proc/nope/graph.png")).ok());
    }
};

QTEST_MAIN(TestGraph)
#include "tst_graph.moc"
