#pragma once

// Retention of a case's records (issue 24): the "preserve for incident" flag and the purge of
// raw records and events once the case's retention date has passed. Findings (with their
// signals, details and evidence ids), decisions, reviews, notes and the audit trail are kept;
// what is removed is the block store (event blocks, posting lists, removed-duplicate ids), the
// raw records and the rejects (which hold raw lines). Both are audited (`case.preserve`,
// `case.release`, `case.purge`) and kept in `settings`, under the chain.

#include "core/result.h"

#include <QDate>
#include <QString>

#include <cstdint>

namespace netcase {

class CaseFile;
class Database;

namespace retention {

struct Preservation
{
    bool preserved = false;
    QString reason; ///< of the latest preserve or release
    QString by;
    QString at;
};

Preservation preservation(const Database &db);

/// Marks the case as preserved for an incident (purge refused) or releases it; audited as
/// `case.preserve` / `case.release` with the reason. Preserving a preserved case (or releasing
/// one that is not) is refused as a usage error. The caller does not need a transaction.
Status setPreserved(Database &db, bool preserve, const QString &reason, const QString &actor);

struct PurgeResult
{
    std::int64_t events = 0; ///< events that were readable before the purge
    std::int64_t eventBlocks = 0;
    std::int64_t postingRows = 0;
    std::int64_t rawBlocks = 0;
    std::int64_t rejects = 0;
    std::int64_t bytesBefore = 0; ///< the case file and its WAL
    std::int64_t bytesAfter = 0;
    QString at;
};

/// Why the case may not be purged on `today`, empty when it may: no retention date, a date not
/// yet passed, or the case preserved for an incident.
QString purgeRefusal(const Database &db, const QDate &today);

/// Purges (see above) in one transaction with its `case.purge` audit record (the digests of the
/// emptied sections are recorded afresh), then rebuilds the file (VACUUM) so it shrinks. An
/// interrupted purge leaves the case as it was: the deletes and the record commit together, and
/// VACUUM is itself atomic. Refused (ErrorCode::Data) as purgeRefusal() says.
Result<PurgeResult> purge(CaseFile &c, const QString &actor, const QDate &today);

/// The time of the last purge, empty when the case was never purged.
QString purgedAt(const Database &db);

} // namespace retention
} // namespace netcase
