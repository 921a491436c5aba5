#include "reportexporter.h"

#include "case/casesession.h"
#include "common/safetext.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/jobprogress.h"
#include "mainwindow/reportoptionsdialog.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>

namespace netcase {

ReportExporter::ReportExporter(QWidget *window, CaseController &controller)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_job(
              [this](Result<ReportOutcome> r) {
                  if (r) {
                      done(*r);
                      return;
                  }
                  ReportOutcome out;
                  out.path = m_path;
                  out.cancelled = r.error().code == ErrorCode::Cancelled;
                  out.error = r.error().message;
                  done(out);
              },
              [this](const JobStage &p) { Q_EMIT progress(p.percent, p.stage); })
{}

ReportExporter::~ReportExporter() = default; // the runner drops the export and waits for it

bool ReportExporter::busy() const
{
    return m_job.running();
}

void ReportExporter::cancel()
{
    m_job.cancel();
}

void ReportExporter::wait()
{
    m_job.wait();
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
    const QFileInfo caseInfo(s->casePath());
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
    ReportOptionsDialog options(reportFormatForPath(path).value(), m_window);
    if (options.exec() != QDialog::Accepted)
        return;
    start(path, options.options());
}

void ReportExporter::start(const QString &path, const ReportOptions &options)
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    auto conn = std::make_shared<Result<CaseFile>>(s->openWorkerConnection());
    m_path = path;

    m_dialog = jobProgressDialog(m_window, QStringLiteral("reportProgress"), tr("Export report"),
                                 tr("Writing the report…"));
    connect(m_dialog, &QProgressDialog::canceled, this, &ReportExporter::cancel);
    connect(this, &ReportExporter::progress, m_dialog,
            [dialog = m_dialog](int pct, const QString &stage) {
                // (setValue() last inside: a crash seen in tst_reportexport.)
                showJobStage(dialog, pct, stage);
            });
    m_dialog->setValue(0);

    m_job.start([conn, path, options](JobContext<JobStage> &job) -> Result<ReportOutcome> {
        if (!*conn)
            return conn->error();
        const Status written = writeReport(
                conn->value(), path, options,
                [&job](int pct, const QString &stage) {
                    job.progress({pct, stage});
                },
                job.cancelFlag());
        if (!written)
            return written.error();
        ReportOutcome out;
        out.ok = true;
        out.path = path;
        return out;
    });
}

void ReportExporter::done(const ReportOutcome &out)
{
    if (m_dialog) {
        m_dialog->close();
        m_dialog->deleteLater();
    }
    if (!out.ok && !out.cancelled && m_window && m_window->isVisible())
        ui::showMessage(m_window, QMessageBox::Warning, tr("Report not written"), out.error);
    Q_EMIT finished(out);
}

} // namespace netcase
