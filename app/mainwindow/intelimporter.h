#pragma once

// Case → Import intelligence…: asks for STIX 2.1 bundles, MISP event exports or MISP feed
// manifests, then imports them and runs the analysis (jobs/intelimport.h) on a worker thread
// (a JobRunner) with its own connection, behind a progress dialog with Cancel. When it is done
// the views reload and a summary says what each file gave (indicators, what was not used,
// refusals) and how many intel findings the case holds.

#include "jobs/intelimport.h"
#include "jobs/jobrunner.h"
#include "mainwindow/jobprogress.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace netcase {

class CaseController;

struct IntelImportOutcome
{
    bool ok = false;
    bool cancelled = false;
    IntelImportSummary summary;
    int matches = 0; ///< active intel findings after the run
    QString error;
    QString text() const; ///< the summary shown to the user (plain text)
};

class IntelImporter : public QObject
{
    Q_OBJECT
public:
    IntelImporter(QWidget *window, CaseController &controller);
    ~IntelImporter() override;

    void importInteractive();
    void start(const QStringList &paths);
    bool busy() const;
    void cancel();
    void wait();
    /// Whether the summary is shown in a message box when done (off in tests).
    void setShowSummary(bool on) { m_showSummary = on; }

Q_SIGNALS:
    void progress(int percent, const QString &stage);
    void finished(const netcase::IntelImportOutcome &outcome);

private:
    void done(const IntelImportOutcome &out);

    QWidget *m_window;
    CaseController &m_controller;
    QPointer<QProgressDialog> m_dialog;
    bool m_showSummary = true;
    JobRunner<IntelImportOutcome, JobStage> m_job;
};

} // namespace netcase
