#include "mainwindow.h"

#include "annotations/annotationpane.h"
#include "case/casesession.h"
#include "case/casesummary.h"
#include "common/filterbar.h"
#include "common/progresspanel.h"
#include "common/safetext.h"
#include "events/eventnotes.h"
#include "events/eventsview.h"
#include "findings/findingsview.h"
#include "items/selectionhub.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/dockmanager.h"
#include "mainwindow/mainactions.h"
#include "mainwindow/modebanner.h"
#include "notes/notesview.h"
#include "review/chainstatuslabel.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

#include <algorithm>

namespace netcase {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_hub(new SelectionHub(this))
    , m_controller(new CaseController(this))
    , m_docks(new DockManager(*this, *m_hub))
    , m_actions(new MainActions(*this, *m_controller, *m_docks, *m_hub))
    , m_progress(new ProgressPanel(this))
    , m_counts(ui::plainLabel(this))
    , m_mode(ui::plainLabel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    // The default size fits the screen (a 1366x768 laptop as well as a 1920x1080 desktop).
    const QRect screen = this->screen()->availableGeometry();
    m_docks->arrangeFor({std::min(1400, screen.width()), std::min(900, screen.height())});
    statusBar()->addWidget(m_counts, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_mode);
    m_counts->setObjectName(QStringLiteral("statusCounts"));
    auto *chain = new ChainStatusLabel(this); // the audit trail's state, re-checked on change
    statusBar()->addPermanentWidget(chain);
    connect(m_controller, &CaseController::caseOpened, chain, &ChainStatusLabel::setSession);
    connect(m_controller, &CaseController::caseClosed, chain,
            [chain] { chain->setSession(nullptr); });
    if (auto *pane = qobject_cast<AnnotationPane *>(m_docks->view(QStringLiteral("annotations")))) {
        connect(pane, &AnnotationPane::message, statusBar(), &QStatusBar::showMessage);
        m_controller->setCloseGuard([this, pane] { return pane->mayDiscardDraft(this); });
    }
    if (auto *findings = qobject_cast<FindingsView *>(m_docks->view(QStringLiteral("findings"))))
        connect(findings, &FindingsView::message, statusBar(), &QStatusBar::showMessage);
    if (auto *notes = qobject_cast<NotesView *>(m_docks->view(QStringLiteral("notes"))))
        connect(notes, &NotesView::message, statusBar(), &QStatusBar::showMessage);
    connect(m_docks->eventsView()->notes(), &EventNotes::message, statusBar(),
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    auto *selectionBar = addToolBar(tr("Selection"));
    selectionBar->setObjectName(QStringLiteral("selectionToolBar"));
    selectionBar->setMovable(false);
    selectionBar->addWidget(new FilterBar(*m_hub, selectionBar));
    m_banner = new ModeBanner(this);

    connect(m_controller, &CaseController::caseOpened, this, &MainWindow::onCaseOpened);
    connect(m_controller, &CaseController::caseClosed, this, &MainWindow::onCaseClosed);
    connect(m_controller, &CaseController::message, statusBar(), &QStatusBar::showMessage);
    ImportRunner &runner = m_controller->importRunner();
    connect(&runner, &ImportRunner::progress, m_progress,
            [this](qint64 done, qint64 total, const QString &file) {
                if (!m_progress->isVisible())
                    m_progress->start(tr("Importing"));
                m_progress->setBytes(done, total, file);
            });
    connect(&runner, &ImportRunner::stage, m_progress,
            [this](const QString &stage, int pct) { m_progress->setPercent(pct, stage); });
    connect(&runner, &ImportRunner::finished, m_progress, &ProgressPanel::finish);
    connect(m_progress, &ProgressPanel::cancelRequested, &runner, &ImportRunner::cancel);

    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // The mode banner on a line of its own under the selection bar, across the window (the
    // last toolbar of a line takes its remaining width), wherever a saved state had put it.
    removeToolBar(m_banner);
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_banner);
    m_banner->hide();
    // A dock left floating last time would come back over the window: dock it again.
    for (const DockManager::View &v : m_docks->views()) {
        if (v.dock && v.dock->isFloating())
            v.dock->setFloating(false);
    }
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::onCaseOpened(CaseSession *session)
{
    m_hub->clear();
    m_docks->setSession(session);
    connect(session, &CaseSession::changed, this, &MainWindow::updateStatus);
    connect(session, &CaseSession::changed, this, &MainWindow::updateTitle); // case properties
    m_actions->updateState();
    updateTitle();
    updateStatus();
}

void MainWindow::onCaseClosed()
{
    m_docks->setSession(nullptr);
    m_hub->clear();
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_actions->updateState();
                updateTitle();
                updateStatus();
            },
            Qt::QueuedConnection);
}

void MainWindow::updateTitle()
{
    CaseSession *s = m_controller->session();
    if (!s) {
        setWindowTitle(tr("Netcase"));
        return;
    }
    const CaseInfo info = s->caseFile().info();
    QString title = info.title;
    if (!info.authorization.isEmpty())
        title += QStringLiteral(" [%1]").arg(info.authorization);
    // The mode first: a task bar or window list cuts titles at the end.
    if (s->reviewMode())
        title = tr("REVIEW — %1").arg(title);
    else if (s->readOnly())
        title = tr("READ-ONLY — %1").arg(title);
    setWindowTitle(QStringLiteral("%1 — %2 — Netcase").arg(title, QFileInfo(s->path()).fileName()));
}

void MainWindow::updateStatus()
{
    CaseSession *s = m_controller->session();
    if (!s) {
        ui::setPlainText(m_counts,
                         tr("No case open. File → New case (Ctrl+N) or Open (Ctrl+O); drop log "
                            "files here to import them."));
        m_mode->clear();
        m_banner->showFor(nullptr);
        return;
    }
    const CaseSummary sum = CaseSummary::read(s->caseFile());
    const QLocale loc;
    ui::setPlainText(m_counts, tr("%1 events · %2 rejects · %3 sources · %4 IPs · %5 accounts")
                                       .arg(loc.toString(qlonglong(sum.events)),
                                            loc.toString(qlonglong(sum.rejects)))
                                       .arg(sum.sources.size())
                                       .arg(loc.toString(qlonglong(sum.distinctIps)),
                                            loc.toString(qlonglong(sum.distinctUsers))));
    if (s->reviewMode())
        ui::setPlainText(m_mode, tr("REVIEW"));
    else if (s->readOnly())
        ui::setPlainText(m_mode, tr("READ-ONLY"));
    else
        m_mode->clear();
    m_mode->setToolTip(s->readOnlyReason());
    m_banner->showFor(s);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (!m_controller->mayClose()) {
        event->ignore();
        return;
    }
    m_controller->closeCase();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    if (files.size() == 1 && files.first().endsWith(QLatin1String(".netcase")))
        m_controller->openCase(files.first());
    else
        m_controller->importFiles(files);
}

} // namespace netcase
