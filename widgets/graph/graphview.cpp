#include "graphview.h"

#include "common/safetext.h"
#include "graphcanvas.h"

#include "case/casefile.h"
#include "case/casesession.h"
#include "items/graph/graphbuilder.h"
#include "items/selectionhub.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QScopeGuard>
#include <QToolButton>
#include <QVBoxLayout>

namespace netcase {

using namespace graph;

namespace {

QIcon typeIcon(NodeType type, qreal dpr)
{
    QPixmap pm(QSize(16, 16) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(GraphStyle::typeColor(type));
    const QRectF r(2, 2, 12, 12);
    switch (type) {
    case NodeType::Ip:
        p.drawEllipse(r);
        break;
    case NodeType::Account:
        p.drawRoundedRect(r, 3, 3);
        break;
    case NodeType::Asn: {
        QPolygonF hex;
        for (int k = 0; k < 6; ++k)
            hex << QPointF(8 + 6.5 * std::cos(k * M_PI / 3), 8 + 6.5 * std::sin(k * M_PI / 3));
        p.drawPolygon(hex);
        break;
    }
    case NodeType::Host:
        p.drawPolygon(
                QPolygonF({QPointF(8, 1.5), QPointF(14.5, 8), QPointF(8, 14.5), QPointF(1.5, 8)}));
        break;
    case NodeType::UserAgent:
        p.drawPolygon(QPolygonF({QPointF(8, 2), QPointF(14, 13), QPointF(2, 13)}));
        break;
    }
    return QIcon(pm);
}

QHash<int, QPointF>
remapPositions(const GraphData *from, const QHash<int, QPointF> &positions, const GraphData &to)
{
    QHash<int, QPointF> out;
    if (!from)
        return out;
    for (auto it = positions.constBegin(); it != positions.constEnd(); ++it) {
        const GraphNode &n = from->nodes[size_t(it.key())];
        const int index = to.find(n.type, n.value);
        if (index >= 0)
            out.insert(index, it.value());
    }
    return out;
}

} // namespace

GraphView::GraphView(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_canvas(new GraphCanvas(this))
    , m_caption(ui::plainLabel(this))
    , m_find(new QLineEdit(this))
    , m_job([this](Result<std::shared_ptr<const GraphScene>> r) { finished(std::move(r)); })
{
    setObjectName(QStringLiteral("GraphView"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 3, 6, 3);
    bar->setSpacing(4);
    for (int t = 0; t < kNodeTypeCount; ++t) {
        auto *b = new QToolButton(this);
        const NodeType type = NodeType(t);
        b->setObjectName(QStringLiteral("show_") + nodeTypeName(type));
        b->setCheckable(true);
        b->setChecked(true);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonIconOnly);
        b->setIcon(typeIcon(type, devicePixelRatioF()));
        b->setText(nodeTypeTitle(type));
        b->setToolTip(tr("Show or hide %1 (the legend gives each type's shape and colour). "
                         "Hidden nodes still appear when you expand a neighbour.")
                              .arg(nodeTypeTitle(type).toLower()));
        connect(b, &QToolButton::toggled, this, [this, type](bool on) { setTypeShown(type, on); });
        m_typeButtons[t] = b;
        bar->addWidget(b);
    }
    bar->addStretch(1);
    m_find->setObjectName(QStringLiteral("graphFind"));
    m_find->setPlaceholderText(tr("Find node…"));
    m_find->setClearButtonEnabled(true);
    m_find->setToolTip(tr("Type part of an address, account, ASN, host or agent and press "
                          "Enter to select the heaviest match in every view."));
    m_find->setMaximumWidth(220);
    connect(m_find, &QLineEdit::returnPressed, this, &GraphView::findNode);
    bar->addWidget(m_find);
    auto addButton = [&](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        bar->addWidget(b);
        return b;
    };
    addButton(tr("Fit"), tr("Show the whole graph (key 0)"), [this] { m_canvas->fitToView(); });
    addButton(tr("Collapse"), tr("Remove the neighbours added by double-clicks"), [this] {
        m_options.expanded.clear();
        relayout();
    });
    addButton(tr("Whole graph"),
              tr("Show the heaviest nodes of the whole case instead of the selection's "
                 "neighbourhood"),
              [this] { showWholeGraph(); })
            ->setObjectName(QStringLiteral("graphWhole"));
    auto *columns = addButton(tr("Columns"),
                              tr("Lay the graph out in columns, one per kind of entity (agents, "
                                 "accounts, addresses, networks, hosts), instead of by community"),
                              [] {});
    columns->setObjectName(QStringLiteral("graphColumns"));
    columns->setCheckable(true);
    connect(columns, &QToolButton::toggled, this, [this](bool on) {
        m_options.layout = on ? SceneLayout::Columns : SceneLayout::Force;
        relayout();
    });
    auto *exportButton = addButton(tr("Export"), tr("Save the graph as GraphML or PNG"), [] {});
    exportButton->setObjectName(QStringLiteral("graphExport"));
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("GraphML (shown nodes and edges)…"), this,
                          [this] { exportInteractive(false); });
    exportMenu->addAction(tr("PNG image…"), this, [this] { exportInteractive(true); });
    exportButton->setMenu(exportMenu);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *legend = addButton(tr("Legend"), tr("Show or hide the legend"), [] {});
    legend->setCheckable(true);
    legend->setChecked(true);
    connect(legend, &QToolButton::toggled, m_canvas, &GraphCanvas::setLegendVisible);

    m_caption->setObjectName(QStringLiteral("graphCaption"));
    m_caption->setContentsMargins(6, 0, 6, 3);
    m_caption->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_caption);
    layout->addWidget(m_canvas, 1);
    setFocusProxy(m_canvas);
    int extra = 0;
    for (QToolButton *b : m_typeButtons) {
        const int narrow = b->sizeHint().width();
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        extra += b->sizeHint().width() - narrow;
        b->setToolButtonStyle(Qt::ToolButtonIconOnly);
    }
    m_wideWidth = layout->minimumSize().width() + extra;

    connect(m_canvas, &GraphCanvas::nodeClicked, this, &GraphView::publish);
    connect(m_canvas, &GraphCanvas::nodeActivated, this, &GraphView::expand);
    connect(&m_hub, &SelectionHub::selectionChanged, this, &GraphView::followSelection);
    updateCaption();
}

GraphView::~GraphView() = default; // the runner drops the job in flight and waits for it

void GraphView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitTypeButtons();
}

void GraphView::fitTypeButtons()
{
    const auto style
            = width() >= m_wideWidth ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonIconOnly;
    for (QToolButton *b : m_typeButtons)
        b->setToolButtonStyle(style);
}

void GraphView::setSession(CaseSession *session)
{
    m_session = session;
    m_data.reset();
    m_scene.reset();
    m_options.expanded.clear();
    m_options.pinned.clear();
    m_options.focus.clear();
    m_canvas->setScene(nullptr, false);
    if (session)
        connect(session, &CaseSession::changed, this, &GraphView::reload);
    reload();
}

void GraphView::setCap(int cap)
{
    m_options.cap = cap;
    relayout();
}

void GraphView::setTypeShown(NodeType type, bool shown)
{
    if (m_options.shown[size_t(type)] == shown)
        return;
    m_options.shown[size_t(type)] = shown;
    QToolButton *b = m_typeButtons[int(type)];
    if (b->isChecked() != shown)
        b->setChecked(shown);
    relayout();
}

void GraphView::expand(int dataIndex)
{
    if (!m_data || dataIndex < 0 || dataIndex >= int(m_data->nodes.size()))
        return;
    m_options.expanded.insert(dataIndex);
    relayout();
}

void GraphView::reload()
{
    if (!m_session) {
        m_job.drop(); // a graph of the closed case is never shown
        m_reloading = false;
        m_status.clear();
        updateCaption();
        return;
    }
    const QString path = m_session->path();
    const SceneOptions options = m_options;
    const std::shared_ptr<const GraphData> old = m_data;
    const QHash<int, QPointF> previous = m_scene ? m_scene->positions() : QHash<int, QPointF>();
    m_status = tr("Reading the graph…");
    m_reloading = true;
    start(
            [path, options, old,
             previous](JobContext<int> &job) -> Result<std::shared_ptr<const GraphScene>> {
                const std::atomic_bool &cancel = job.cancelFlag();
                CaseFile::OpenOptions o;
                o.readOnly = true;
                o.alreadyLocked = true;
                auto c = CaseFile::open(path, o);
                if (!c)
                    return c.error();
                auto g = GraphBuilder::load(c->db(), &cancel);
                if (!g)
                    return g.error();
                auto data = std::make_shared<const GraphData>(std::move(*g));
                const auto start = remapPositions(old.get(), previous, *data);
                return std::make_shared<const GraphScene>(
                        GraphScene::build(data, options, start, &cancel));
            },
            m_scene != nullptr);
}

void GraphView::relayout()
{
    // While the case is being read, a layout of the old data would supersede the read: read
    // again instead, with the new options.
    if (!m_data || m_reloading) {
        reload();
        return;
    }
    const SceneOptions options = m_options;
    const std::shared_ptr<const GraphData> data = m_data;
    // Positions carry over within one layout, not from the other one.
    const QHash<int, QPointF> previous = m_scene && m_scene->layout() == options.layout
                                                 ? m_scene->positions()
                                                 : QHash<int, QPointF>();
    m_status = tr("Laying out the graph…");
    start(
            [data, options,
             previous](JobContext<int> &job) -> Result<std::shared_ptr<const GraphScene>> {
                return std::make_shared<const GraphScene>(
                        GraphScene::build(data, options, previous, &job.cancelFlag()));
            },
            !previous.isEmpty()); // a new layout is fitted to the view
}

void GraphView::start(SceneJob::Body job, bool keepView)
{
    // Only the newest request matters: the runner cancels the running one and never delivers
    // it (a superseded layout's partial scene is not shown).
    m_keepView = keepView;
    m_job.start(std::move(job));
    updateCaption();
}

void GraphView::finished(Result<std::shared_ptr<const GraphScene>> r)
{
    m_reloading = false;
    if (!r) {
        m_status = r.error().code == ErrorCode::Cancelled
                           ? QString()
                           : tr("The graph could not be read: %1").arg(r.error().message);
        updateCaption();
        return;
    }
    m_status.clear();
    m_scene = *r;
    m_data = m_scene->dataPtr();
    m_canvas->setScene(m_scene, m_keepView);
    followSelection(m_hub.selection());
    updateCaption();
    Q_EMIT sceneReady();
}

void GraphView::followSelection(const Selection &selection)
{
    if (!m_data)
        return;
    QSet<int> selected;
    auto add = [&](NodeType type, const QStringList &values) {
        for (const QString &v : values) {
            const int i = m_data->find(type, v);
            if (i >= 0)
                selected.insert(i);
        }
    };
    add(NodeType::Ip, selection.ips);
    add(NodeType::Account, selection.accounts);
    add(NodeType::Host, selection.hosts);
    m_canvas->setSelectedNodes(selected);
    // A selection made elsewhere: the graph starts from its neighbourhood (in a graph of
    // thousands, the top of the whole case rarely holds it). A click here keeps the drawing.
    if (!m_publishing && !selected.isEmpty() && selected != m_options.focus) {
        m_options.focus = selected;
        m_options.pinned = selected;
        m_options.expanded.clear();
        relayout();
        return;
    }
    // A selected entity the cap or a hidden type left out is brought in with its neighbours.
    bool missing = false;
    for (int i : std::as_const(selected)) {
        if (m_scene && m_scene->sceneIndexOf(i) < 0 && !m_options.pinned.contains(i)) {
            m_options.pinned.insert(i);
            m_options.expanded.insert(i);
            missing = true;
        }
    }
    if (missing)
        relayout();
}

void GraphView::publish(int dataIndex)
{
    if (!m_data || dataIndex < 0 || dataIndex >= int(m_data->nodes.size()))
        return;
    const GraphNode &n = m_data->nodes[size_t(dataIndex)];
    m_publishing = true;
    const auto done = qScopeGuard([this] { m_publishing = false; });
    switch (n.type) {
    case NodeType::Ip:
        m_hub.selectIp(n.value);
        return;
    case NodeType::Account:
        m_hub.selectAccount(n.value);
        return;
    case NodeType::Host: {
        Selection s;
        s.hosts = {n.value};
        m_hub.select(s);
        return;
    }
    case NodeType::Asn:
    case NodeType::UserAgent: {
        // The hub selects addresses and accounts: an ASN stands for its addresses, an agent
        // for the accounts (or addresses) that used it.
        Selection s;
        for (int j : m_data->adjacency()[size_t(dataIndex)]) {
            const GraphNode &m = m_data->nodes[size_t(j)];
            if (m.type == NodeType::Ip)
                s.ips << m.value;
            else if (m.type == NodeType::Account && n.type == NodeType::UserAgent)
                s.accounts << m.value;
        }
        if (!s.isEmpty())
            m_hub.select(s);
        return;
    }
    }
}

void GraphView::findNode()
{
    const QString needle = m_find->text().trimmed();
    if (!m_data || needle.isEmpty())
        return;
    int best = -1;
    for (int i = 0; i < int(m_data->nodes.size()); ++i) {
        const GraphNode &n = m_data->nodes[size_t(i)];
        if (!n.value.contains(needle, Qt::CaseInsensitive)
            && !n.label.contains(needle, Qt::CaseInsensitive))
            continue;
        if (best < 0 || n.events > m_data->nodes[size_t(best)].events)
            best = i;
    }
    if (best < 0) {
        m_status = tr("No node matches “%1”.").arg(needle);
        updateCaption();
        return;
    }
    m_status.clear();
    publish(best);
    m_canvas->centreOn(best);
    updateCaption();
}

void GraphView::showWholeGraph()
{
    m_options.focus.clear();
    m_options.expanded.clear();
    relayout();
}

QString GraphView::caption() const
{
    return m_caption->text();
}

void GraphView::updateCaption()
{
    const QLocale loc;
    QString text;
    if (!m_session) {
        text = tr("No case open.");
    } else if (m_job.running()) {
        text = m_status.isEmpty() ? tr("Laying out the graph…") : m_status;
    } else if (!m_status.isEmpty()) {
        text = m_status;
    } else if (m_scene) {
        const int shown = int(m_scene->nodes().size());
        if (shown == 0) {
            text = tr("No entities to draw: the case has no events with an address, account, "
                      "host or user agent of the shown types.");
        } else {
            const int ofTypes = m_scene->candidates();
            if (m_scene->focused())
                text = tr("Neighbourhood of the selection: %1 of %2 nodes (double-click a node "
                          "to expand, Whole graph for the case)")
                               .arg(loc.toString(shown - m_scene->extra()), loc.toString(ofTypes));
            else if (m_scene->cappedOut() > 0)
                text = tr("Showing %1 of %2 nodes (the heaviest by events)")
                               .arg(loc.toString(shown - m_scene->extra()), loc.toString(ofTypes));
            else
                text = tr("Showing all %1 nodes").arg(loc.toString(shown - m_scene->extra()));
            if (m_scene->extra() > 0)
                text += tr(", plus %1 from expanded nodes and the selection")
                                .arg(loc.toString(m_scene->extra()));
            text += tr("; %1 edges; laid out in %2 ms.")
                            .arg(loc.toString(qlonglong(m_scene->edges().size())))
                            .arg(m_scene->layoutMs());
            QStringList hidden;
            for (int t = 0; t < kNodeTypeCount; ++t) {
                if (!m_options.shown[size_t(t)])
                    hidden << nodeTypeTitle(NodeType(t)).toLower();
            }
            if (!hidden.isEmpty())
                text += QLatin1Char(' ') + tr("Hidden: %1.").arg(hidden.join(QStringLiteral(", ")));
        }
    }
    ui::setPlainText(m_caption, text);
}

} // namespace netcase
