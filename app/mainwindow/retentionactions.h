#pragma once

// Case → Preserve for incident… / Release preservation… and Case → Purge past-retention
// records… (model/case/retention.h, the same calls as `netcase preserve` and `netcase purge`).
// Preserving asks for the reason; the purge says first why it is refused (no retention date, a
// date not yet passed, a preserved case) or what it removes and keeps, asks to confirm, and runs
// on a worker connection behind a progress dialog (it cannot be cancelled: it is one
// transaction, then VACUUM). Both are audited by the model; the views reload afterwards.

#include "case/retention.h"
#include "jobs/jobrunner.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QProgressDialog;
class QWidget;

namespace netcase {

class CaseController;

class RetentionActions : public QObject
{
    Q_OBJECT
public:
    RetentionActions(QWidget *window, CaseController &controller, QMenu *caseMenu);
    ~RetentionActions() override;

    QAction *preserveAction() const { return m_preserve; }
    QAction *purgeAction() const { return m_purge; }
    /// Refreshes the actions' text, state and tooltips from the open case.
    void update();
    /// Toggles preservation with this reason (the dialog's path without the dialog).
    Status setPreserved(bool preserve, const QString &reason);
    /// Runs the purge without asking (the confirmed path); finished() follows.
    void startPurge();
    bool busy() const { return m_job.running(); }
    void wait() { m_job.wait(); }
    /// Whether results are shown in message boxes (off in tests).
    void setShowMessages(bool on) { m_showMessages = on; }

Q_SIGNALS:
    void finished(bool ok, const QString &text);

private:
    void preserveInteractive();
    void purgeInteractive();
    void purged(Result<retention::PurgeResult> r);

    QWidget *m_window;
    CaseController &m_controller;
    QAction *m_preserve;
    QAction *m_purge;
    QPointer<QProgressDialog> m_dialog;
    bool m_showMessages = true;
    JobRunner<retention::PurgeResult> m_job;
};

} // namespace netcase
