#pragma once

// Runs an import (and the post-import pipeline) in a worker thread with its own connection to
// the case. Progress is delivered on the GUI thread about ten times a second; cancel() stops the
// worker, which rolls back so the case is unchanged.

#include "ingest/importjob.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

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
    QFutureWatcher<ImportOutcome> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace netcase
