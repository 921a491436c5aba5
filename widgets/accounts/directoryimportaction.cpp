#include "directoryimportaction.h"

#include "case/casesession.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "items/directoryimport.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>

namespace netcase {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("netcase::DirectoryImportAction", text);
}
} // namespace

void importDirectoryInteractive(QWidget *parent, CaseSession *session)
{
    if (!session) {
        ui::showMessage(parent, QMessageBox::Information, tr("Import directory CSV"),
                        tr("Open a case first."));
        return;
    }
    if (session->readOnly()) {
        ui::showMessage(parent, QMessageBox::Warning, tr("Import directory CSV"),
                        tr("The case is open read-only: %1").arg(session->readOnlyReason()));
        return;
    }
    const QString path = QFileDialog::getOpenFileName(parent, tr("Import directory CSV"), QString(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    const auto result = DirectoryImport::importFile(session->db(), path, currentUserName());
    if (!result) {
        ui::showMessage(parent, QMessageBox::Warning, tr("Import directory CSV"),
                        result.error().message);
        return;
    }
    QString text
            = tr("%1 of %2 directory records imported.").arg(result->imported).arg(result->rows);
    if (result->skippedCount > 0)
        text += QLatin1Char('\n') + tr("%1 skipped:").arg(result->skippedCount) + QLatin1Char('\n')
                + result->skipped.join(QLatin1Char('\n'));
    session->notifyChanged();
    ui::showMessage(parent, QMessageBox::Information, tr("Import directory CSV"), text);
}

} // namespace netcase
