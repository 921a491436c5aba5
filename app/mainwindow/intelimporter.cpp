#include "intelimporter.h"

#include "analysis/findingstore.h"
#include "case/casesession.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/jobprogress.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>

namespace netcase {

QString IntelImportOutcome::text() const
{
    if (!ok)
        return cancelled ? QObject::tr("Import of intelligence cancelled. Files already stored "
                                       "stay in the case; the analysis did not run.")
                         : error;
    QStringList lines;
    for (const IntelFileOutcome &f : summary.files) {
        if (!f.source) {
            lines << QObject::tr("Refused %1: %2").arg(QFileInfo(f.path).fileName(), f.error);
            continue;
        }
        lines << QObject::tr("%1 (%2, producer %3): %4 indicators")
                         .arg(f.source->name, f.source->format.toUpper(),
                              f.source->producer.isEmpty() ? QObject::tr("not named")
                                                           : f.source->producer)
                         .arg(f.source->indicators);
        for (const intel::Unsupported &u : f.source->unsupported)
            lines << QObject::tr("  not used: %1").arg(u.reason);
    }
    lines << QString();
    lines << (summary.analysed ? QObject::tr("The case holds %1 intelligence match(es) (findings "
                                             "of kind intel).")
                                         .arg(matches)
                               : QObject::tr("Nothing new was imported."));
    return lines.join(QLatin1Char('\n'));
}

IntelImporter::IntelImporter(QWidget *window, CaseController &controller)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_job(
              [this](Result<IntelImportOutcome> r) {
                  if (r) {
                      done(*r);
                      return;
                  }
                  IntelImportOutcome out;
                  out.cancelled = r.error().code == ErrorCode::Cancelled;
                  out.error = r.error().message;
                  done(out);
              },
              [this](const JobStage &p) { Q_EMIT progress(p.percent, p.stage); })
{}

IntelImporter::~IntelImporter() = default; // the runner drops the job and waits for it

bool IntelImporter::busy() const
{
    return m_job.running();
}

void IntelImporter::cancel()
{
    m_job.cancel();
}

void IntelImporter::wait()
{
    m_job.wait();
}

void IntelImporter::importInteractive()
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    if (s->readOnly()) {
        ui::showMessage(m_window, QMessageBox::Information, tr("Import intelligence"),
                        tr("The case is open read-only."));
        return;
    }
    const QStringList paths = QFileDialog::getOpenFileNames(
            m_window, tr("Import intelligence"), QFileInfo(s->path()).absolutePath(),
            tr("STIX 2.1 bundles, MISP events and feed manifests (*.json);;All files (*)"));
    if (!paths.isEmpty())
        start(paths);
}

void IntelImporter::start(const QStringList &paths)
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    auto conn = std::make_shared<Result<CaseFile>>(s->openWorkerConnection());
    m_dialog = jobProgressDialog(m_window, QStringLiteral("intelProgress"),
                                 tr("Import intelligence"), tr("Importing intelligence…"));
    connect(m_dialog, &QProgressDialog::canceled, this, &IntelImporter::cancel);
    connect(this, &IntelImporter::progress, m_dialog,
            [dialog = m_dialog](int pct, const QString &stage) {
                showJobStage(dialog, pct, stage);
            });
    m_dialog->setValue(0);
    const QString actor = currentUserName();
    m_job.start([conn, paths, actor](JobContext<JobStage> &job) -> Result<IntelImportOutcome> {
        if (!*conn)
            return conn->error();
        Database &db = conn->value().db();
        auto sum = importIntelligence(
                db, paths, actor,
                [&job](const QString &stage, int pct) {
                    job.progress({pct, stage});
                },
                &job.cancelFlag());
        if (!sum)
            return sum.error();
        IntelImportOutcome out;
        out.ok = true;
        out.summary = std::move(*sum);
        out.matches = int(intelFindingsOf(db).size());
        return out;
    });
}

void IntelImporter::done(const IntelImportOutcome &out)
{
    if (m_dialog) {
        m_dialog->close();
        m_dialog->deleteLater();
    }
    // Files stored before a cancel or an error are in the case: reload in every case.
    if (CaseSession *s = m_controller.session())
        s->notifyChanged();
    if (m_showSummary && m_window && m_window->isVisible() && !out.cancelled)
        ui::showMessage(m_window,
                        out.ok && out.summary.refused() == 0 ? QMessageBox::Information
                                                             : QMessageBox::Warning,
                        tr("Import intelligence"), out.text());
    Q_EMIT finished(out);
}

} // namespace netcase
