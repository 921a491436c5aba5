#include "jobprogress.h"

namespace netcase {

QProgressDialog *jobProgressDialog(QWidget *window,
                                   const QString &objectName,
                                   const QString &title,
                                   const QString &label,
                                   int maximum,
                                   int minimumMs)
{
    auto *d = new QProgressDialog(label, QObject::tr("Cancel"), 0, maximum, window);
    d->setObjectName(objectName);
    d->setWindowTitle(title);
    d->setWindowModality(Qt::WindowModal);
    d->setMinimumDuration(minimumMs);
    d->setAutoClose(false);
    d->setAutoReset(false);
    return d;
}

void showJobStage(const QPointer<QProgressDialog> &dialog, int percent, const QString &stage)
{
    if (!dialog)
        return;
    dialog->setLabelText(stage);
    dialog->setValue(percent);
}

} // namespace netcase
