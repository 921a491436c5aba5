#include "tableexporter.h"

#include "analysis/findingstore.h"
#include "case/casesession.h"
#include "case/eventquery.h"
#include "common/safetext.h"
#include "events/eventsview.h"
#include "findings/findingsview.h"
#include "items/eventtablemodel.h"
#include "items/findingsmodel.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/dockmanager.h"
#include "mainwindow/jobprogress.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QStatusBar>

namespace netcase {

namespace {

constexpr int kSteps = 1000; // the progress dialog's range (row counts may exceed an int)

QString tableName(ExportTable table)
{
    return table == ExportTable::Events ? QObject::tr("events") : QObject::tr("findings");
}

} // namespace

TableExporter::TableExporter(QMainWindow &window, CaseController &controller, DockManager &docks)
    : QObject(&window)
    , m_window(window)
    , m_controller(controller)
    , m_docks(docks)
    , m_job(
              [this](Result<TableExportOutcome> r) {
                  if (r) {
                      onFinished(*r);
                      return;
                  }
                  TableExportOutcome out;
                  out.path = m_path;
                  out.cancelled = r.error().code == ErrorCode::Cancelled;
                  out.error = r.error().message;
                  onFinished(out);
              },
              [this](const std::pair<qint64, qint64> &p) { Q_EMIT progress(p.first, p.second); })
{
    setObjectName(QStringLiteral("tableExporter"));
    connect(this, &TableExporter::progress, this, &TableExporter::onProgress);
}

TableExporter::~TableExporter() = default; // the runner drops the export and waits for it

void TableExporter::cancel()
{
    m_job.cancel();
}

void TableExporter::wait()
{
    m_job.wait();
}

std::optional<ExportTable> TableExporter::chooseTable() const
{
    // The view the analyst is working in decides; otherwise ask.
    const QWidget *focus = QApplication::focusWidget();
    const QWidget *findings = m_docks.view(QStringLiteral("findings"));
    const QWidget *events = m_docks.eventsView();
    if (focus && findings && (focus == findings || findings->isAncestorOf(focus)))
        return ExportTable::Findings;
    if (focus && events && (focus == events || events->isAncestorOf(focus)))
        return ExportTable::Events;
    if (m_tableChooser)
        return m_tableChooser();
    QMessageBox box(QMessageBox::Question, tr("Export table"),
                    tr("Which table do you want to "
                       "export as CSV?"),
                    QMessageBox::Cancel, &m_window);
    QPushButton *eventsButton = box.addButton(tr("&Events"), QMessageBox::AcceptRole);
    QPushButton *findingsButton = box.addButton(tr("&Findings"), QMessageBox::AcceptRole);
    box.setDefaultButton(eventsButton);
    box.exec();
    if (box.clickedButton() == eventsButton)
        return ExportTable::Events;
    if (box.clickedButton() == findingsButton)
        return ExportTable::Findings;
    return std::nullopt;
}

QString TableExporter::askPath(ExportTable table) const
{
    const CaseSession *s = m_controller.session();
    const QFileInfo caseInfo(s->casePath());
    const QString suggestion = caseInfo.dir().filePath(
            QStringLiteral("%1-%2.csv").arg(caseInfo.completeBaseName(), tableName(table)));
    if (m_pathProvider)
        return m_pathProvider(table, suggestion);
    return QFileDialog::getSaveFileName(&m_window, tr("Export %1 as CSV").arg(tableName(table)),
                                        suggestion, tr("CSV files (*.csv)"));
}

void TableExporter::exportInteractive()
{
    if (!m_controller.session() || busy())
        return;
    const auto table = chooseTable();
    if (!table)
        return;
    const QString path = askPath(*table);
    if (path.isEmpty())
        return;
    start(*table, path);
}

void TableExporter::start(ExportTable table, const QString &path)
{
    CaseSession *session = m_controller.session();
    if (!session || busy())
        return;
    // What the views show: the Events view's filter (all matching rows are read again in the
    // worker), and the findings as the findings view lists and sorts them.
    EventFilter filter;
    std::vector<StoredFinding> findings;
    if (table == ExportTable::Events) {
        filter = m_docks.eventsView()->model()->filter();
    } else if (auto *view
               = qobject_cast<FindingsView *>(m_docks.view(QStringLiteral("findings")))) {
        const FindingsModel *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row)
            findings.push_back(*model->findingAt(row));
    }

    m_path = path;
    m_dialog = jobProgressDialog(
            &m_window, QStringLiteral("exportProgress"), tr("Export table"),
            tr("Exporting %1 to %2…").arg(tableName(table), QFileInfo(path).fileName()), kSteps,
            300);
    m_dialog->setValue(0);
    connect(m_dialog, &QProgressDialog::canceled, this, &TableExporter::cancel);

    const QString casePath = session->path();
    m_job.start([=, findings = std::move(findings)](
                        JobContext<std::pair<qint64, qint64>> &job) -> Result<TableExportOutcome> {
        ExportControl control;
        control.cancel = &job.cancelFlag();
        control.progress = [&job](std::int64_t done, std::int64_t total) {
            job.progress({done, total}); // the runner keeps it to about ten a second
        };
        Result<std::int64_t> rows = std::int64_t(0);
        if (table == ExportTable::Events) {
            CaseFile::OpenOptions options;
            options.readOnly = true;
            options.alreadyLocked = true;
            auto conn = CaseFile::open(casePath, options);
            if (!conn)
                return conn.error();
            rows = tableexport::exportEvents(path, conn->db(), filter, control);
        } else {
            rows = tableexport::exportFindings(path, findings, control);
        }
        if (!rows)
            return rows.error();
        TableExportOutcome out;
        out.ok = true;
        out.rows = *rows;
        out.path = path;
        return out;
    });
}

void TableExporter::onProgress(qint64 done, qint64 total)
{
    if (m_dialog && total > 0)
        m_dialog->setValue(int(std::min<qint64>(kSteps, done * kSteps / total)));
}

void TableExporter::onFinished(const TableExportOutcome &out)
{
    if (m_dialog)
        m_dialog->deleteLater();
    m_dialog = nullptr;
    const QString name = QDir::toNativeSeparators(out.path);
    if (out.ok) {
        m_window.statusBar()->showMessage(
                tr("Exported %1 rows to %2").arg(QLocale().toString(out.rows), name), 10000);
    } else if (out.cancelled) {
        m_window.statusBar()->showMessage(tr("Export cancelled; %1 was not written").arg(name),
                                          10000);
    } else {
        ui::showMessage(&m_window, QMessageBox::Warning, tr("Export failed"), out.error);
    }
    Q_EMIT finished(out);
}

} // namespace netcase
