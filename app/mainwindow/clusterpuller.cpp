#include "clusterpuller.h"

#include "case/casesession.h"
#include "cluster/chschema.h"
#include "cluster/chsettings.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "core/timeutil.h"
#include "dialogs/pulldialog.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/jobprogress.h"

#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
namespace netcase {

QString ClusterPullOutcome::text() const
{
    if (!ok)
        return cancelled ? QObject::tr("Pull cancelled. The case is as it was before the pull.")
                         : error;
    QStringList lines;
    lines << QObject::tr("Pulled %1 events from %2 into source %3 (SHA-256 %4).")
                     .arg(QLocale().toString(qlonglong(report.events)), server)
                     .arg(report.sourceId)
                     .arg(report.sha256);
    if (report.events > 0)
        lines << QObject::tr("They span %1 to %2 UTC.")
                         .arg(QString::fromStdString(formatIsoUs(report.firstUs)),
                              QString::fromStdString(formatIsoUs(report.lastUs)));
    for (const PipelineStep &s : steps)
        lines << QStringLiteral("%1: %2").arg(s.name, s.summary);
    return lines.join(QLatin1Char('\n'));
}

ClusterPuller::ClusterPuller(QWidget *window, CaseController &controller)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_count([this](Result<std::int64_t> n) {
        if (!m_dialog)
            return;
        m_dialog->showCount(!n ? tr("Cannot count: %1").arg(n.error().message)
                            : *n == 1
                                    ? tr("1 event matches")
                                    : tr("%1 events match").arg(QLocale().toString(qlonglong(*n))));
    })
    , m_job(
              [this](Result<ClusterPullOutcome> r) {
                  if (r) {
                      done(*r);
                      return;
                  }
                  ClusterPullOutcome out;
                  out.cancelled = r.error().code == ErrorCode::Cancelled;
                  out.error = r.error().message;
                  done(out);
              },
              [this](const JobStage &p) { Q_EMIT progress(p.percent, p.stage); })
{}

ClusterPuller::~ClusterPuller() = default; // the runners drop their jobs and wait for them

bool ClusterPuller::busy() const
{
    return m_job.running();
}

void ClusterPuller::cancel()
{
    m_job.cancel();
}

void ClusterPuller::wait()
{
    m_count.wait();
    m_job.wait();
}

void ClusterPuller::pullInteractive()
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    if (s->readOnly()) {
        ui::showMessage(m_window, QMessageBox::Information, tr("Pull from ClickHouse"),
                        tr("The case is open read-only."));
        return;
    }
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    m_dialog = new PullDialog(m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    const std::optional<cluster::ChSettings> stored = cluster::loadSettings(s->db());
    if (stored)
        m_dialog->setInput(cluster::inputOf(*stored));
    connect(m_dialog, &PullDialog::countRequested, this, &ClusterPuller::count);
    connect(m_dialog, &PullDialog::pullRequested, this, [this](const cluster::PullRequest &req) {
        if (m_dialog)
            saveConnection(cluster::settingsOf(m_dialog->input()));
        start(req);
    });
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->open();
}

void ClusterPuller::saveConnection(const cluster::ChSettings &settings)
{
    CaseSession *s = m_controller.session();
    if (!s || cluster::loadSettings(s->db()) == settings)
        return;
    if (Status saved = cluster::saveSettings(s->db(), settings, currentUserName()); !saved)
        ui::showMessage(m_window, QMessageBox::Warning, tr("Pull from ClickHouse"),
                        tr("The connection settings could not be kept in the case: %1")
                                .arg(saved.error().message));
}

void ClusterPuller::count(const cluster::PullRequest &request)
{
    m_count.start([request](JobContext<int> &) -> Result<std::int64_t> {
        if (Status s = cluster::checkSchema(request.connection); !s)
            return s.error();
        return cluster::countEvents(request.connection, request.filter);
    });
}

void ClusterPuller::start(const cluster::PullRequest &request)
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    auto conn = std::make_shared<Result<CaseFile>>(s->openWorkerConnection());
    m_progress = jobProgressDialog(m_window, QStringLiteral("pullProgress"),
                                   tr("Pull from ClickHouse"),
                                   tr("Pulling from %1…").arg(request.connection.describe()));
    connect(m_progress, &QProgressDialog::canceled, this, &ClusterPuller::cancel);
    connect(this, &ClusterPuller::progress, m_progress,
            [dialog = m_progress](int pct, const QString &stage) {
                showJobStage(dialog, pct, stage);
            });
    m_progress->setValue(0);
    m_job.start([conn, request](JobContext<JobStage> &job) -> Result<ClusterPullOutcome> {
        if (!*conn)
            return conn->error();
        if (Status st = cluster::checkSchema(request.connection); !st)
            return st.error();
        const QString server = request.connection.describe();
        job.progress({5, QObject::tr("Pulling from %1…").arg(server)});
        auto pulled = cluster::pullIntoCase(conn->value(), request.connection, request.filter,
                                            job.cancelFlag());
        if (!pulled)
            return pulled.error();
        ClusterPullOutcome out;
        out.ok = true;
        out.report = *pulled;
        out.server = server;
        if (pulled->events > 0) {
            auto steps = runPostImport(
                    conn->value(),
                    [&job](const QString &stage, int pct) {
                        job.progress({50 + pct / 2, stage});
                    },
                    job.cancelFlag());
            if (!steps)
                return steps.error();
            out.steps = *steps;
        }
        return out;
    });
}

void ClusterPuller::done(const ClusterPullOutcome &out)
{
    if (m_progress) {
        m_progress->close();
        m_progress->deleteLater();
    }
    if (CaseSession *s = m_controller.session())
        s->notifyChanged();
    if (m_showSummary && m_window && m_window->isVisible() && !out.cancelled)
        ui::showMessage(m_window, out.ok ? QMessageBox::Information : QMessageBox::Warning,
                        tr("Pull from ClickHouse"), out.text());
    Q_EMIT finished(out);
}

} // namespace netcase
