#include "dockmanager.h"

#include "accounts/accountsview.h"
#include "annotations/annotationpane.h"
#include "events/eventsview.h"
#include "findings/findingsview.h"
#include "graph/graphview.h"
#include "ipdetails/ipdetailsview.h"
#include "items/selectionhub.h"
#include "map/mapview.h"
#include "notes/notesview.h"
#include "sources/sourcesview.h"
#include "timeline/timelineview.h"

#include <QDockWidget>
#include <QLayout>
#include <QMainWindow>
#include <QMenu>
#include <QScrollArea>
#include <QTimer>

#include <algorithm>

namespace netcase {

namespace {
/// Windows shorter than this get the compact layout (the right column as tabs).
constexpr int kCompactBelowHeight = 900;
} // namespace

DockManager::DockManager(QMainWindow &window, SelectionHub &hub)
    : QObject(&window)
    , m_window(window)
    , m_hub(hub)
    , m_events(new EventsView(hub, &window))
{
    m_window.setCentralWidget(m_events);
    m_window.setDockNestingEnabled(true);
    m_views.append(
            {QStringLiteral("events"), tr("Events"), m_events, nullptr, [this](CaseSession *s) {
                 m_events->setSession(s);
             }});
    // Further views (timeline, map, graph, accounts, findings, IP details, annotations) are
    // added here with addDock() as they are built.
    auto *annotations = new AnnotationPane(hub, &m_window);
    addDock(QStringLiteral("annotations"), tr("Decision"), annotations, Qt::RightDockWidgetArea,
            [annotations](CaseSession *s) { annotations->setSession(s); });
    auto *timeline = new TimelineView(hub, &m_window);
    addDock(QStringLiteral("timeline"), tr("Timeline"), timeline, Qt::TopDockWidgetArea,
            [timeline](CaseSession *s) { timeline->setSession(s); });
    auto *map = new MapView(hub, &m_window);
    addDock(QStringLiteral("map"), tr("Map"), map, Qt::RightDockWidgetArea,
            [map](CaseSession *s) { map->setSession(s); });
    auto *ipDetails = new IpDetailsView(hub, &m_window);
    addDock(QStringLiteral("ipdetails"), tr("IP details"), ipDetails, Qt::RightDockWidgetArea,
            [ipDetails](CaseSession *s) { ipDetails->setSession(s); });
    auto *graph = new GraphView(hub, &m_window);
    addDock(QStringLiteral("graph"), tr("Graph"), graph, Qt::BottomDockWidgetArea,
            [graph](CaseSession *s) { graph->setSession(s); });
    auto *findings = new FindingsView(hub, &m_window);
    addDock(QStringLiteral("findings"), tr("Findings"), findings, Qt::BottomDockWidgetArea,
            [findings](CaseSession *s) { findings->setSession(s); });
    auto *accounts = new AccountsView(hub, &m_window);
    addDock(QStringLiteral("accounts"), tr("Accounts"), accounts, Qt::BottomDockWidgetArea,
            [accounts](CaseSession *s) { accounts->setSession(s); });
    auto *notes = new NotesView(&m_window);
    addDock(QStringLiteral("notes"), tr("Notes"), notes, Qt::BottomDockWidgetArea,
            [notes](CaseSession *s) { notes->setSession(s); });
    connect(notes, &NotesView::eventActivated, m_events, &EventsView::revealEvent);
    connect(notes, &NotesView::timeActivated, this, [this](qint64 atUs) {
        constexpr qint64 kFiveMinutes = 5 * 60 * 1000000LL;
        m_hub.selectTimeRange(atUs - kFiveMinutes, atUs + kFiveMinutes);
    });
    auto *sources = new SourcesView(&m_window);
    addDock(QStringLiteral("sources"), tr("Sources"), sources, Qt::BottomDockWidgetArea,
            [sources](CaseSession *s) { sources->setSession(s); });
}

QDockWidget *DockManager::dock(const QString &id) const
{
    for (const View &v : m_views) {
        if (v.id == id)
            return v.dock;
    }
    return nullptr;
}

void DockManager::arrangeDefault()
{
    // The timeline across the top; map and graph share the right column above the decision and
    // IP details; findings and accounts share the bottom. Tabs keep each view large enough to
    // read on a laptop screen; every dock can be dragged out or floated.
    QDockWidget *timeline = dock(QStringLiteral("timeline"));
    QDockWidget *map = dock(QStringLiteral("map"));
    QDockWidget *graph = dock(QStringLiteral("graph"));
    QDockWidget *decision = dock(QStringLiteral("annotations"));
    QDockWidget *ipDetails = dock(QStringLiteral("ipdetails"));
    QDockWidget *findings = dock(QStringLiteral("findings"));
    QDockWidget *accounts = dock(QStringLiteral("accounts"));
    QDockWidget *sources = dock(QStringLiteral("sources"));
    for (const View &v : m_views) {
        if (v.dock) {
            v.dock->setFloating(false);
            v.dock->show();
        }
    }
    // The right column (map, decision) reaches down to the status bar: the decision pane is where
    // the analyst writes, and between the timeline and the findings it was left a scrolling strip
    // of about 160 pixels at 1400x900.
    m_window.setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_window.addDockWidget(Qt::TopDockWidgetArea, timeline);
    m_window.addDockWidget(Qt::RightDockWidgetArea, map);
    m_window.tabifyDockWidget(map, graph);
    m_window.addDockWidget(Qt::RightDockWidgetArea, decision);
    m_window.tabifyDockWidget(decision, ipDetails);
    m_window.addDockWidget(Qt::BottomDockWidgetArea, findings);
    m_window.tabifyDockWidget(findings, accounts);
    m_window.tabifyDockWidget(findings, sources);
    if (QDockWidget *notes = dock(QStringLiteral("notes"))) {
        m_window.addDockWidget(Qt::BottomDockWidgetArea, notes);
        m_window.tabifyDockWidget(findings, notes);
    }
    map->raise();
    decision->raise();
    findings->raise();
    // On a short screen (1366x768, 1440x900) the right column is one group of tabs, so that no
    // view is squeezed below its minimum and the window fits the screen.
    const int h = m_window.height();
    const bool compact = h < kCompactBelowHeight;
    if (compact) {
        m_window.tabifyDockWidget(map, decision);
        m_window.tabifyDockWidget(map, ipDetails);
        map->raise();
    }
    // Sizes only stick once the window has its geometry: apply them from the event loop.
    QTimer::singleShot(0, this, [this, timeline, findings, map, decision, compact] {
        const int h = m_window.height();
        // The findings list takes a little more of a tall window (4+ rows at 900 pixels); on a
        // laptop the event table keeps its share.
        const int findingsShare = compact ? 27 : 31;
        m_window.resizeDocks({timeline, findings},
                             {std::min(230, h * 22 / 100), std::min(320, h * findingsShare / 100)},
                             Qt::Vertical);
        m_window.resizeDocks({map}, {m_window.width() * 2 / 5}, Qt::Horizontal);
        if (!compact)
            m_window.resizeDocks({map, decision}, {420, 380}, Qt::Vertical);
    });
}

void DockManager::arrangeFor(QSize size)
{
    m_window.resize(size);
    arrangeDefault();
    // The window's minimum follows the new layout only once it is activated; until then a
    // resize is held to the old (taller) minimum.
    m_window.layout()->activate();
    m_window.resize(size);
}

void DockManager::addDock(const QString &id,
                          const QString &title,
                          QWidget *widget,
                          int area,
                          std::function<void(CaseSession *)> setSession)
{
    auto *dock = new QDockWidget(title, &m_window);
    dock->setObjectName(id + QStringLiteral("Dock"));
    if (id == QLatin1String("annotations")) {
        // The decision form is tall; in a short dock it scrolls instead of pushing the other
        // views (and the window) to their minimum sizes.
        auto *scroll = new QScrollArea(dock);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(widget);
        dock->setWidget(scroll);
    } else {
        dock->setWidget(widget);
    }
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    m_window.addDockWidget(Qt::DockWidgetArea(area), dock);
    m_views.append({id, title, widget, dock, std::move(setSession)});
}

QWidget *DockManager::view(const QString &id) const
{
    for (const View &v : m_views) {
        if (v.id == id)
            return v.widget;
    }
    return nullptr;
}

void DockManager::setSession(CaseSession *session)
{
    for (const View &v : m_views) {
        if (v.setSession)
            v.setSession(session);
    }
}

void DockManager::fillViewMenu(QMenu &menu) const
{
    for (const View &v : m_views) {
        if (v.dock)
            menu.addAction(v.dock->toggleViewAction());
    }
}

} // namespace netcase
