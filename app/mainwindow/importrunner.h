#pragma once

// Runs an import (and the post-import pipeline) in a worker thread with its own connection to
// the case, through a JobRunner. Progress is delivered on the GUI thread about ten times a
// second; cancel() stops the worker, which rolls back so the case is unchanged.

#include "ingest/importjob.h"
#include "jobs/jobrunner.h"

#include <QObject>

namespace netcase {

class CaseSession;

struct ImportOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString error;
    ImportReport report;
    QStringList steps; ///< summaries of post-import steps (enrichment, analysis)
};

/// Where a running import is: the bytes of the import, then the post-import stage. Each part
/// counts its updates so that the GUI signals only what changed since the last delivery.
struct ImportStatus
{
    ImportProgress bytes;
    int bytesUpdates = 0;
    QString stage;
    int stagePercent = 0;
    int stageUpdates = 0;
};

class ImportRunner : public QObject
{
    Q_OBJECT
public:
    explicit ImportRunner(QObject *parent = nullptr);
    ~ImportRunner() override;

    bool busy() const;
    void start(CaseSession &session, const QStringList &paths, const ImportOptions &options);
    void cancel();
    /// Blocks until the worker is done (used on close and in tests).
    void wait();

Q_SIGNALS:
    void progress(qint64 done, qint64 total, const QString &file);
    void stage(const QString &stage, int percent);
    void finished(const netcase::ImportOutcome &outcome);

private:
    void onProgress(const ImportStatus &status);
    void onDone(Result<ImportOutcome> result);

    JobRunner<ImportOutcome, ImportStatus> m_job;
    int m_bytesSignalled = 0; ///< ImportStatus::bytesUpdates last signalled
    int m_stagesSignalled = 0;
};

} // namespace netcase
