#pragma once

// Runs an import into a case: expands the inputs, detects each file's format, parses it into
// the case and records the source with its SHA-256. The whole job is one transaction (each
// source a savepoint): a cancelled job leaves the case exactly as it was; a source that fails
// is rolled back alone and reported.

#include "api/importer.h"
#include "core/result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <vector>

namespace netcase {

class CaseFile;

struct SourceReport
{
    QString name;
    QString format;
    QString sha256;
    std::int64_t sourceId = 0;
    std::int64_t events = 0;
    std::int64_t rejects = 0;
    RejectCounts rejectKinds; ///< the rejects by kind
    std::int64_t duplicates = 0;
    std::int64_t firstUs = 0; ///< the earliest event (UTC microseconds); only when events > 0
    std::int64_t lastUs = 0;  ///< the latest event
    QStringList notes;        ///< the parser's notes (RecordSink::note), e.g. an assumed year
    QString error;            ///< non-empty when the source was not imported
};

struct ImportReport
{
    std::vector<SourceReport> sources;
    QStringList skipped; ///< files of a folder left out (links out of it), and why
    std::int64_t events() const;
    std::int64_t rejects() const;
    int failed() const;
};

struct ImportProgress
{
    std::int64_t bytesDone = 0;
    std::int64_t bytesTotal = 0;
    QString currentFile;
};

class ImportJob
{
public:
    ImportJob(QStringList paths, ImportOptions options);

    using ProgressFn = std::function<void(const ImportProgress &)>;
    /// Runs the import. Returns ErrorCode::Cancelled when cancel became true.
    Result<ImportReport>
    run(CaseFile &caseFile, const ProgressFn &progress, const std::atomic<bool> &cancel) const;

private:
    QStringList m_paths;
    ImportOptions m_options;
};

} // namespace netcase
