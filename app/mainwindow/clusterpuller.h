#pragma once

// Case → Pull from ClickHouse…: opens the pull dialog (widgets/dialogs/pulldialog), answers its
// count preview from the cluster on a worker thread, then pulls the matching events into the
// case as one audited source and runs enrichment and analysis as after an import (jobs/pipeline),
// on a worker connection behind a progress dialog with Cancel. The views reload when it is done.
// The connection (server, password file or keyring entry, CA file) is kept in the case's settings
// (cluster/chsettings) when a pull starts, and fills the dialog the next time; never the
// password itself.

#include "cluster/chpull.h"
#include "cluster/pullrequest.h"
#include "dialogs/pulldialog.h"
#include "jobs/jobrunner.h"
#include "jobs/pipeline.h"
#include "mainwindow/jobprogress.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

class QWidget;

namespace netcase {

class CaseController;

struct ClusterPullOutcome
{
    bool ok = false;
    bool cancelled = false;
    cluster::PullReport report;
    QString server; ///< describe(): no user, no password
    QList<PipelineStep> steps;
    QString error;
    QString text() const; ///< the summary shown to the user (plain text)
};

class ClusterPuller : public QObject
{
    Q_OBJECT
public:
    ClusterPuller(QWidget *window, CaseController &controller);
    ~ClusterPuller() override;

    /// Opens the dialog (window-modal, not blocking); Pull in it starts the pull.
    void pullInteractive();
    PullDialog *dialog() const { return m_dialog; }
    void start(const cluster::PullRequest &request);
    bool busy() const;
    void cancel();
    void wait();
    /// Whether the summary is shown in a message box when done (off in tests).
    void setShowSummary(bool on) { m_showSummary = on; }

Q_SIGNALS:
    void progress(int percent, const QString &stage);
    void finished(const netcase::ClusterPullOutcome &outcome);

private:
    void count(const cluster::PullRequest &request);
    void saveConnection(const cluster::ChSettings &settings);
    void done(const ClusterPullOutcome &out);

    QWidget *m_window;
    CaseController &m_controller;
    QPointer<PullDialog> m_dialog;
    QPointer<QProgressDialog> m_progress;
    bool m_showSummary = true;
    JobRunner<std::int64_t> m_count;
    JobRunner<ClusterPullOutcome, JobStage> m_job;
};

} // namespace netcase
