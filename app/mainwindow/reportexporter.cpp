#include "reportexporter.h"

#include "case/casesession.h"
#include "common/safetext.h"
#include "mainwindow/casecontroller.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMetaObject>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace netcase {

ReportExporter::ReportExporter(QWidget *window, CaseController &controller)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
{
    connect(&m_watcher, &QFutureWatcher<ReportOutcome>::finished, this, &ReportExporter::done);
}

ReportExporter::~ReportExporter()
{
    cancel();
    wait();
}

bool ReportExporter::busy() const
{
    return m_watcher.isRunning();
}

void ReportExporter::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ReportExporter::wait()
{
    m_watcher.waitForFinished();
}

void ReportExporter::exportInteractive()
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    const QString html = tr("HTML report (*.html)");
    const QString pdf = tr("PDF report (*.pdf)");
    const QString json = tr("JSON report (*.json)");
    QString filter = html;
    const QFileInfo caseInfo(s->path());
    QString path = QFileDialog::getSaveFileName(
            m_window, tr("Export report"),
            caseInfo.dir().filePath(caseInfo.completeBaseName() + QStringLiteral("-report.html")),
            html + QStringLiteral(";;") + pdf + QStringLiteral(";;") + json, &filter);
    if (path.isEmpty())
        return;
    if (!reportFormatForPath(path)) // no or another extension: take the chosen filter's
        path += filter == pdf    ? QStringLiteral(".pdf")
                : filter == json ? QStringLiteral(".json")
                                 : QStringLiteral(".html");
    start(path);
}

void ReportExporter::start(const QString &path, const ReportOptions &options)
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto conn = std::make_shared<Result<CaseFile>>(s->openWorkerConnection());
    auto cancelFlag = m_cancel;
    QPointer<ReportExporter> self(this);

    m_dialog = new QProgressDialog(tr("Writing the report…"), tr("Cancel"), 0, 100, m_window);
    m_dialog->setObjectName(QStringLiteral("reportProgress"));
    m_dialog->setWindowTitle(tr("Export report"));
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setMinimumDuration(0);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    connect(m_dialog, &QProgressDialog::canceled, this, &ReportExporter::cancel);
    connect(this, &ReportExporter::progress, m_dialog,
            [dialog = m_dialog](int pct, const QString &stage) {
                if (!dialog)
                    return;
                dialog->setLabelText(stage);
                // Last: a modal progress dialog processes events in setValue(), where the
                // export can finish and delete the dialog (a crash seen in tst_reportexport).
                dialog->setValue(pct);
            });
    m_dialog->setValue(0);

    m_watcher.setFuture(QtConcurrent::run([conn, cancelFlag, path, options, self] {
        ReportOutcome out;
        out.path = path;
        if (!*conn) {
            out.error = conn->error().message;
            return out;
        }
        const Status s = writeReport(
                conn->value(), path, options,
                [self](int pct, const QString &stage) {
                    if (self)
                        QMetaObject::invokeMethod(self.data(), [self, pct, stage] {
                            if (self)
                                Q_EMIT self->progress(pct, stage);
                        });
                },
                *cancelFlag);
        out.ok = s.ok();
        if (!s) {
            out.cancelled = s.error().code == ErrorCode::Cancelled;
            out.error = s.error().message;
        }
        return out;
    }));
}

void ReportExporter::done()
{
    const ReportOutcome out = m_watcher.result();
    if (m_dialog) {
        m_dialog->close();
        m_dialog->deleteLater();
    }
    if (!out.ok && !out.cancelled && m_window && m_window->isVisible())
        ui::showMessage(m_window, QMessageBox::Warning, tr("Report not written"), out.error);
    Q_EMIT finished(out);
}

} // namespace netcase
