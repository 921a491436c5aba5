#include "importrunner.h"

#include "case/casesession.h"
#include "jobs/pipeline.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace netcase {

ImportRunner::ImportRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<ImportOutcome>::finished, this,
            [this] { Q_EMIT finished(m_watcher.result()); });
}

ImportRunner::~ImportRunner()
{
    cancel();
    wait();
}

bool ImportRunner::busy() const
{
    return m_watcher.isRunning();
}

void ImportRunner::start(CaseSession &session,
                         const QStringList &paths,
                         const ImportOptions &options)
{
    if (busy())
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto conn = std::make_shared<Result<CaseFile>>(session.openWorkerConnection());
    auto cancelFlag = m_cancel;
    QPointer<ImportRunner> self(this);
    m_watcher.setFuture(QtConcurrent::run([conn, cancelFlag, paths, options, self] {
        ImportOutcome out;
        if (!*conn) {
            out.error = conn->error().message;
            return out;
        }
        CaseFile &caseFile = conn->value();
        ImportJob job(paths, options);
        auto report = job.run(
                caseFile,
                [self](const ImportProgress &p) {
                    if (self)
                        QMetaObject::invokeMethod(self.data(), [self, p] {
                            if (self)
                                Q_EMIT self->progress(p.bytesDone, p.bytesTotal, p.currentFile);
                        });
                },
                *cancelFlag);
        if (!report) {
            out.cancelled = report.error().code == ErrorCode::Cancelled;
            out.error = report.error().message;
            return out;
        }
        out.report = *report;
        auto post = runPostImport(
                caseFile,
                [self](const QString &stage, int pct) {
                    if (self)
                        QMetaObject::invokeMethod(self.data(), [self, stage, pct] {
                            if (self)
                                Q_EMIT self->stage(stage, pct);
                        });
                },
                *cancelFlag);
        if (post) {
            for (const PipelineStep &s : *post)
                out.steps << s.name + QStringLiteral(": ") + s.summary;
        } else {
            out.steps << post.error().message;
        }
        out.ok = true;
        return out;
    }));
}

void ImportRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ImportRunner::wait()
{
    m_watcher.waitForFinished();
}

} // namespace netcase
