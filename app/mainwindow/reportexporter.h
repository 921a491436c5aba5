#pragma once

// File → Export report…: asks for a file (HTML, PDF or JSON), then writes the report in a
// worker thread (a JobRunner) with its own connection to the case, showing a progress dialog
// with Cancel.
// A cancelled or failed export leaves no file behind (the report is written atomically).

#include "jobs/jobrunner.h"
#include "mainwindow/jobprogress.h"
#include "report/report.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace netcase {

class CaseController;

struct ReportOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString path;
    QString error;
};

class ReportExporter : public QObject
{
    Q_OBJECT
public:
    ReportExporter(QWidget *window, CaseController &controller);
    ~ReportExporter() override;

    /// Asks where to save the report of the open case, then starts the export.
    void exportInteractive();
    /// Starts exporting the open case's report to path (format from its extension).
    void start(const QString &path, const ReportOptions &options = {});
    bool busy() const;
    void cancel();
    /// Blocks until the worker is done (close and tests).
    void wait();

Q_SIGNALS:
    void progress(int percent, const QString &stage);
    void finished(const netcase::ReportOutcome &outcome);

private:
    void done(const ReportOutcome &out);

    QWidget *m_window;
    CaseController &m_controller;
    QPointer<QProgressDialog> m_dialog;
    QString m_path; ///< of the export in flight
    JobRunner<ReportOutcome, JobStage> m_job;
};

} // namespace netcase
