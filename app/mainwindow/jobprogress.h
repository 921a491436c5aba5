#pragma once

// The progress dialog every background job of the main window shows (import of intelligence,
// pulls, report and table exports): window-modal, Cancel asks the job to stop, and it stays
// open (no auto close or reset) until the job's end closes it.

#include <QPointer>
#include <QProgressDialog>

namespace netcase {

/// What a job's progress reports: how far, and the stage it is in ("Enriching…").
struct JobStage
{
    int percent = 0;
    QString stage;
};

/// A new dialog, shown after minimumMs (0: at once), at value 0 of maximum.
QProgressDialog *jobProgressDialog(QWidget *window,
                                   const QString &objectName,
                                   const QString &title,
                                   const QString &label,
                                   int maximum = 100,
                                   int minimumMs = 0);

/// Shows a stage and its percent. setValue() comes last: a modal progress dialog processes
/// events there, where the job can finish and delete the dialog.
void showJobStage(const QPointer<QProgressDialog> &dialog, int percent, const QString &stage);

} // namespace netcase
