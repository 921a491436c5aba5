#pragma once

// Runs the importers over inputs into a destination that is not a case (netcase push): the same
// expansion of folders and archives, format detection and parsers as ImportJob, each file's
// records handed to the target's RecordSink on the calling thread. Each file is hashed first
// (SHA-256 of the bytes the parser reads, as a case records them), so the target can refuse a
// file it already holds before a record is read.

#include "api/importer.h"
#include "core/result.h"
#include "ingest/importjob.h"

#include <QStringList>

#include <atomic>

namespace netcase {

class StreamTarget
{
public:
    virtual ~StreamTarget() = default;
    /// Before parsing a file (rep has name, format, sha256; size in bytes). An error skips it and
    /// is reported as the file's error.
    virtual Result<RecordSink *> begin(const SourceReport &rep, std::int64_t size) = 0;
    /// After parsing, with the parser's status: fills rep's counts and span; an error marks the
    /// file failed.
    virtual Status end(SourceReport &rep, const Status &parsed) = 0;
    /// True when the sink cannot take more (its destination failed): the parser stops at its
    /// next progress check instead of reading the rest of the file for nothing.
    virtual bool failed() const { return false; }
};

class StreamJob
{
public:
    StreamJob(QStringList paths, ImportOptions options);

    /// Errors of a single file are in its report; the job fails for bad arguments or a cancel.
    Result<ImportReport> run(StreamTarget &target,
                             const ImportJob::ProgressFn &progress,
                             const std::atomic<bool> &cancel) const;

private:
    QStringList m_paths;
    ImportOptions m_options;
};

} // namespace netcase
