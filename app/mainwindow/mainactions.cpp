#include "mainactions.h"

#include "accounts/directoryimportaction.h"
#include "case/casesession.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "dialogs/casepropertiesdialog.h"
#include "dialogs/enrichmentdialog.h"
#include "dialogs/shortcutsdialog.h"
#include "dialogs/sigmarulesdialog.h"
#include "dialogs/userguidedialog.h"
#include "items/selectionhub.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/clusterpuller.h"
#include "mainwindow/dockmanager.h"
#include "mainwindow/intelimporter.h"
#include "mainwindow/reportexporter.h"
#include "mainwindow/retentionactions.h"
#include "mainwindow/tableexporter.h"
#include "mainwindow/timezoneaction.h"
#include "sigma/sigmaanalysis.h"

#include <QApplication>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>

namespace netcase {

namespace {

/// The given key first, then the platform's standard keys for the same command.
QList<QKeySequence> withStandard(const QKeySequence &key, QKeySequence::StandardKey standard)
{
    QList<QKeySequence> keys{key};
    for (const QKeySequence &k : QKeySequence::keyBindings(standard)) {
        if (!keys.contains(k))
            keys.append(k);
    }
    return keys;
}

} // namespace

MainActions::MainActions(QMainWindow &window,
                         CaseController &controller,
                         DockManager &docks,
                         SelectionHub &hub)
    : QObject(&window)
    , m_window(window)
    , m_controller(controller)
    , m_hub(hub)
{
    QMenuBar *bar = window.menuBar();
    m_file = bar->addMenu(tr("&File"));
    m_file->addAction(tr("&New case…"), QKeySequence::New, &controller,
                      &CaseController::newCaseInteractive);
    m_file->addAction(tr("&Open case…"), QKeySequence::Open, &controller,
                      &CaseController::openCaseInteractive);
    m_recent = m_file->addMenu(tr("Open &recent"));
    m_file->addAction(tr("&Review case…"), QKeySequence(tr("Ctrl+Shift+R")), &controller,
                      &CaseController::reviewCaseInteractive);
    m_file->addSeparator();
    m_import = m_file->addAction(tr("&Import files…"), QKeySequence(tr("Ctrl+I")), &controller,
                                 &CaseController::importInteractive);
    auto *exporter = new TableExporter(window, controller, docks);
    m_exportTable = m_file->addAction(tr("&Export table…"), QKeySequence(tr("Ctrl+Shift+E")),
                                      exporter, &TableExporter::exportInteractive);
    m_exportTable->setObjectName(QStringLiteral("exportTable"));
    auto *reports = new ReportExporter(&window, controller);
    QAction *exportReport
            = m_file->addAction(tr("Export &report…"), reports, &ReportExporter::exportInteractive);
    exportReport->setObjectName(QStringLiteral("exportReport"));
    exportReport->setEnabled(false);
    connect(&controller, &CaseController::caseOpened, exportReport,
            [exportReport] { exportReport->setEnabled(true); });
    connect(&controller, &CaseController::caseClosed, exportReport,
            [exportReport] { exportReport->setEnabled(false); });
    m_file->addSeparator();
    // Ctrl+W and Ctrl+Q on every platform theme (some, like the offscreen one, bind no Quit key
    // and only Ctrl+F4 to Close), plus whatever the desktop binds.
    m_close = m_file->addAction(tr("&Close case"), &controller,
                                &CaseController::closeCaseInteractive);
    m_close->setShortcuts(withStandard(QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence::Close));
    QAction *quit = m_file->addAction(tr("&Quit"), &window, &QWidget::close);
    quit->setShortcuts(withStandard(QKeySequence(Qt::CTRL | Qt::Key_Q), QKeySequence::Quit));

    m_case = bar->addMenu(tr("&Case"));
    m_case->addAction(tr("Import &directory CSV…"), this,
                      [this] { importDirectoryInteractive(&m_window, m_controller.session()); });
    m_intel = new IntelImporter(&window, controller);
    QAction *intelAction = m_case->addAction(tr("Import &intelligence…"), m_intel,
                                             &IntelImporter::importInteractive);
    intelAction->setObjectName(QStringLiteral("importIntelligence"));
    intelAction->setToolTip(tr("Import STIX 2.1 bundles, MISP events or MISP feeds and match "
                               "the case against their indicators"));
    intelAction->setEnabled(false);
    connect(&controller, &CaseController::caseOpened, intelAction,
            [intelAction] { intelAction->setEnabled(true); });
    connect(&controller, &CaseController::caseClosed, intelAction,
            [intelAction] { intelAction->setEnabled(false); });
    m_pull = new ClusterPuller(&window, controller);
    QAction *pullAction = m_case->addAction(tr("Pull from &ClickHouse…"), m_pull,
                                            &ClusterPuller::pullInteractive);
    pullAction->setObjectName(QStringLiteral("pullFromClickHouse"));
    pullAction->setToolTip(tr("Pull the events a query selects from a ClickHouse cluster into "
                              "the case, with a count first"));
    pullAction->setEnabled(false);
    connect(&controller, &CaseController::caseOpened, pullAction,
            [pullAction] { pullAction->setEnabled(true); });
    connect(&controller, &CaseController::caseClosed, pullAction,
            [pullAction] { pullAction->setEnabled(false); });
    QAction *properties = m_case->addAction(tr("&Properties…"), this, [this] {
        CaseSession *s = m_controller.session();
        if (!s)
            return;
        CasePropertiesDialog dialog(s->caseFile().info(), s->readOnly(), &m_window);
        if (dialog.exec() != QDialog::Accepted || s->readOnly())
            return;
        // setInfo audits the change in the same transaction.
        if (Status st = s->caseFile().setInfo(dialog.info(), currentUserName()); !st.ok())
            ui::showMessage(&m_window, QMessageBox::Warning, tr("Properties not saved"),
                            st.error().message);
        else
            s->notifyChanged();
    });
    properties->setObjectName(QStringLiteral("caseProperties"));
    properties->setEnabled(false);
    connect(&controller, &CaseController::caseOpened, properties,
            [properties] { properties->setEnabled(true); });
    connect(&controller, &CaseController::caseClosed, properties,
            [properties] { properties->setEnabled(false); });
    m_case->addSeparator();
    m_retention = new RetentionActions(&m_window, controller, m_case);
    m_timeZone = new TimeZoneAction(&m_window, controller, m_case);
    m_case->addSeparator();
    // Enrichment sources: settings work without a case; re-enrichment needs a writable one.
    m_case->addAction(tr("&Enrichment sources…"), this, [this] {
              EnrichmentDialog dialog(m_controller.session(), &m_window);
              dialog.exec();
          })->setObjectName(QStringLiteral("enrichmentSources"));

    // Sigma rule folders are the case's (stored and audited); the next analysis runs them.
    QAction *sigmaRules = m_case->addAction(tr("&Sigma rules…"), this, [this] {
        CaseSession *s = m_controller.session();
        if (!s)
            return;
        SigmaRulesDialog dialog(sigma::storedFolders(s->caseFile().db()), s->readOnly(), &m_window);
        if (dialog.exec() != QDialog::Accepted || s->readOnly())
            return;
        if (Status st
            = sigma::storeFolders(s->caseFile().db(), dialog.folders(), currentUserName());
            !st.ok())
            ui::showMessage(&m_window, QMessageBox::Warning, tr("Sigma rules not saved"),
                            st.error().message);
        else
            s->notifyChanged();
    });
    sigmaRules->setObjectName(QStringLiteral("sigmaRules"));
    sigmaRules->setEnabled(false);
    connect(&controller, &CaseController::caseOpened, sigmaRules,
            [sigmaRules] { sigmaRules->setEnabled(true); });
    connect(&controller, &CaseController::caseClosed, sigmaRules,
            [sigmaRules] { sigmaRules->setEnabled(false); });

    m_view = bar->addMenu(tr("&View"));
    m_back = m_view->addAction(tr("&Back"), QKeySequence(tr("Alt+Left")), &hub,
                               &SelectionHub::back);
    m_forward = m_view->addAction(tr("&Forward"), QKeySequence(tr("Alt+Right")), &hub,
                                  &SelectionHub::forward);
    m_view->addAction(tr("&Clear selection"), QKeySequence(tr("Esc")), &hub, &SelectionHub::clear);
    m_view->addSeparator();
    docks.fillViewMenu(*m_view);
    m_view->addSeparator();
    m_view->addAction(tr("&Reset layout"), &docks, &DockManager::arrangeDefault)
            ->setObjectName(QStringLiteral("resetLayout"));

    QMenu *help = bar->addMenu(tr("&Help"));
    QAction *guide
            = help->addAction(tr("&User guide"), QKeySequence::HelpContents, &window, [&window] {
                  auto *d = window.findChild<UserGuideDialog *>();
                  if (!d) {
                      d = new UserGuideDialog(&window);
                      d->setAttribute(Qt::WA_DeleteOnClose);
                  }
                  d->show();
                  d->raise();
              });
    guide->setObjectName(QStringLiteral("showUserGuide"));
    help->addAction(tr("&Keyboard shortcuts"), &window, [&window] {
            ShortcutsDialog(&window).exec();
        })->setObjectName(QStringLiteral("showShortcuts"));
    help->addAction(tr("&About Netcase"), &window, [&window] {
        QMessageBox::about(&window, tr("About Netcase"),
                           tr("<b>Netcase %1</b><p>An investigation workbench for IP "
                              "intelligence.</p><p>An IP address alone rarely proves who acted: "
                              "Netcase shows every signal with the reasons it can mislead.</p>"
                              "<p>Data credits: IP Geolocation by DB-IP (https://db-ip.com), "
                              "CC BY 4.0, when the DB-IP Lite databases are used (as "
                              "scripts/fetch-geodata.sh installs them); IP address data powered "
                              "by IPinfo when IPinfo Lite is used. IP details and reports name "
                              "the credit of each database a case used.</p>")
                                   .arg(QStringLiteral(NETCASE_VERSION)));
    });

    connect(&controller, &CaseController::recentChanged, this, &MainActions::fillRecent);
    connect(&hub, &SelectionHub::historyChanged, this, &MainActions::updateState);
    fillRecent();
    updateState();
}

void MainActions::fillRecent()
{
    m_recent->clear();
    const QStringList recent = m_controller.recentCases();
    for (const QString &path : recent) {
        m_recent->addAction(QFileInfo(path).fileName(), this,
                            [this, path] { m_controller.openCase(path); })
                ->setToolTip(path);
    }
    m_recent->setEnabled(!recent.isEmpty());
}

void MainActions::updateState()
{
    CaseSession *s = m_controller.session();
    m_import->setEnabled(s && !s->readOnly());
    m_close->setEnabled(s != nullptr);
    m_exportTable->setEnabled(s != nullptr);
    m_back->setEnabled(m_hub.canGoBack());
    m_forward->setEnabled(m_hub.canGoForward());
}

} // namespace netcase
