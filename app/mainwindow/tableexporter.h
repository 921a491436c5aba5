#pragma once

// File → Export table…: writes the events table (every event matching the Events view's filter,
// not only the loaded rows) or the findings table to CSV. The table is the view that has focus,
// else the user picks one; the export streams in a worker (a JobRunner) on its own read-only
// connection, with a progress dialog whose Cancel leaves no file behind (tableexport.h does the
// writing).

#include "items/tableexport.h"
#include "jobs/jobrunner.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>
#include <utility>

class QMainWindow;
class QProgressDialog;

namespace netcase {

class CaseController;
class DockManager;

struct TableExportOutcome
{
    bool ok = false;
    bool cancelled = false;
    qint64 rows = 0;
    QString path;
    QString error;
};

class TableExporter : public QObject
{
    Q_OBJECT
public:
    TableExporter(QMainWindow &window, CaseController &controller, DockManager &docks);
    ~TableExporter() override;

    /// Replaces the file dialog (tests): returns the path to write, or empty to stop.
    using PathProvider = std::function<QString(ExportTable table, const QString &suggestion)>;
    void setPathProvider(PathProvider provider) { m_pathProvider = std::move(provider); }
    /// Replaces the "which table?" question asked when no table view has focus (tests).
    using TableChooser = std::function<std::optional<ExportTable>()>;
    void setTableChooser(TableChooser chooser) { m_tableChooser = std::move(chooser); }

    bool busy() const { return m_job.running(); }
    /// Stops a running export (its file is not written).
    void cancel();
    /// Blocks until the worker is done (used on close and in tests).
    void wait();

public Q_SLOTS:
    /// The menu action: picks the table, asks for a file and starts the export.
    void exportInteractive();
    /// Starts exporting a table to path in the worker, with the progress dialog.
    void start(netcase::ExportTable table, const QString &path);

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const netcase::TableExportOutcome &outcome);

private:
    std::optional<ExportTable> chooseTable() const;
    QString askPath(ExportTable table) const;
    void onProgress(qint64 done, qint64 total);
    void onFinished(const TableExportOutcome &out);

    QMainWindow &m_window;
    CaseController &m_controller;
    DockManager &m_docks;
    PathProvider m_pathProvider;
    TableChooser m_tableChooser;
    QPointer<QProgressDialog> m_dialog;
    QString m_path; ///< of the export in flight
    /// Rows done and rows in all.
    JobRunner<TableExportOutcome, std::pair<qint64, qint64>> m_job;
};

} // namespace netcase
