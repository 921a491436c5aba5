#include "importrunner.h"

#include "case/casesession.h"
#include "jobs/pipeline.h"

namespace netcase {

ImportRunner::ImportRunner(QObject *parent)
    : QObject(parent)
    , m_job([this](Result<ImportOutcome> r) { onDone(std::move(r)); },
            [this](const ImportStatus &s) { onProgress(s); })
{}

ImportRunner::~ImportRunner() = default; // the runner drops the job and waits for it

bool ImportRunner::busy() const
{
    return m_job.running();
}

void ImportRunner::start(CaseSession &session,
                         const QStringList &paths,
                         const ImportOptions &options)
{
    if (busy())
        return;
    m_bytesSignalled = m_stagesSignalled = 0;
    auto conn = std::make_shared<Result<CaseFile>>(session.openWorkerConnection());
    m_job.start([conn, paths, options](JobContext<ImportStatus> &job) -> Result<ImportOutcome> {
        if (!*conn)
            return conn->error();
        CaseFile &caseFile = conn->value();
        ImportStatus status; // this worker's view; the runner hands copies to the GUI
        const ImportJob import(paths, options);
        auto report = import.run(
                caseFile,
                [&](const ImportProgress &p) {
                    status.bytes = p;
                    ++status.bytesUpdates;
                    job.progress(status);
                },
                job.cancelFlag());
        if (!report)
            return report.error();
        ImportOutcome out;
        out.report = *report;
        auto post = runPostImport(
                caseFile,
                [&](const QString &stage, int pct) {
                    status.stage = stage;
                    status.stagePercent = pct;
                    ++status.stageUpdates;
                    job.progress(status);
                },
                job.cancelFlag());
        if (post) {
            for (const PipelineStep &s : *post)
                out.steps << s.name + QStringLiteral(": ") + s.summary;
        } else {
            out.steps << post.error().message;
        }
        out.ok = true;
        return out;
    });
}

void ImportRunner::onProgress(const ImportStatus &status)
{
    // Bytes first: the window shows its progress panel on the first byte count.
    if (status.bytesUpdates != m_bytesSignalled) {
        m_bytesSignalled = status.bytesUpdates;
        Q_EMIT progress(status.bytes.bytesDone, status.bytes.bytesTotal, status.bytes.currentFile);
    }
    if (status.stageUpdates != m_stagesSignalled) {
        m_stagesSignalled = status.stageUpdates;
        Q_EMIT stage(status.stage, status.stagePercent);
    }
}

void ImportRunner::onDone(Result<ImportOutcome> result)
{
    if (result) {
        Q_EMIT finished(*result);
        return;
    }
    ImportOutcome out;
    out.cancelled = result.error().code == ErrorCode::Cancelled;
    out.error = result.error().message;
    Q_EMIT finished(out);
}

void ImportRunner::cancel()
{
    m_job.cancel();
}

void ImportRunner::wait()
{
    m_job.wait();
}

} // namespace netcase
