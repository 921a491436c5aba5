#pragma once

// The case's `sources` table: one row per imported file (or archive member) with its SHA-256,
// counts and time span. Rows are written in two steps inside the import's transaction: begin()
// before the events (they refer to the source's id), finish() once the file's digest and counts
// are known.

#include "core/result.h"

#include <QString>

#include <map>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netcase {

class Database;

struct SourceRecord
{
    QString name;   ///< file name
    QString path;   ///< absolute path
    QString member; ///< archive member, empty for a plain file
    std::int64_t size = 0;
    QString format;
    QString timezone;
    std::string options; ///< JSON text of the import options that shaped the events
    QString importedAt;
    QString importedBy;
};

struct SourceCounts
{
    QString sha256;
    std::int64_t events = 0;
    std::int64_t rejects = 0;
    std::int64_t duplicates = 0;
    std::int64_t firstTs = 0; ///< stored only when events > 0
    std::int64_t lastTs = 0;
};

/// A record an importer could not read, as kept in `rejects`.
struct RejectedLine
{
    std::int64_t line = 0;
    QString reason;
    QString raw;
};

class SourceStore
{
public:
    /// Adds the row with an empty digest; returns its id.
    static Result<std::int64_t> begin(Database &db, const SourceRecord &source);
    /// Records the digest, counts and time span of source id.
    static Status finish(Database &db, std::int64_t id, const SourceCounts &counts);
    /// The name of a source already in the case with the same content (SHA-256 and member).
    static std::optional<QString>
    sameContent(const Database &db, const QString &sha256, const QString &member);
    /// The time span of source id's stored events with ids >= firstEventId, if any.
    static std::optional<std::pair<std::int64_t, std::int64_t>>
    eventSpan(const Database &db, std::int64_t id, std::int64_t firstEventId);
    /// The format (importer name) of every source, by id.
    static std::map<std::int64_t, QString> formats(const Database &db);
    /// Source id's rejected records in line order, at most limit, only those of reason when it
    /// is not empty (CaseSummary gives the counts per reason).
    static std::vector<RejectedLine>
    rejects(const Database &db, std::int64_t id, int limit, const QString &reason = {});
};

} // namespace netcase
