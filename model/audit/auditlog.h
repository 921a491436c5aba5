#pragma once

// The append-only, hash-chained audit log. Each record stores the SHA-256 of the previous record
// and its own hash over (prev_hash, canonical JSON of seq, at, actor, action, payload), so any
// record altered, inserted or removed breaks the chain at that point.

#include "core/result.h"

#include <QString>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace netcase {

class Database;
namespace digest {
struct KnownChunks;
}

struct AuditVerdict
{
    bool intact = true;
    std::int64_t records = 0;
    std::int64_t firstBadSeq = 0; ///< 0 when intact
    QString problem;              ///< what is wrong with the first bad record
    QString headHash;             ///< hash of the last record
};

struct AuditRecord
{
    std::int64_t seq = 0;
    QString at;
    QString actor;     ///< the name typed (or configured)
    QString osAccount; ///< the operating-system account; empty in records from before it
    QString action;
    std::string payload; ///< JSON text
};

class AuditLog
{
public:
    /// Appends a record; call inside the caller's transaction so it commits with the change.
    /// `known`: chunk hashes the caller's writer computed (digest::refresh), e.g. an import's.
    static Status append(Database &db,
                         const QString &actor,
                         const QString &action,
                         const nlohmann::json &payload,
                         const digest::KnownChunks *known = nullptr);
    static AuditVerdict verify(const Database &db);
    static QString headHash(const Database &db);
    /// Every record, oldest first (for `netcase audit`).
    static std::vector<AuditRecord> records(const Database &db);
    /// The canonical text hashed for a record (sorted keys, no whitespace).
    static std::string canonical(std::int64_t seq,
                                 const QString &at,
                                 const QString &actor,
                                 const QString &action,
                                 const std::string &payloadJson);
    /// Actions whose record the analyst's key signs (decisions and reviews).
    static bool signedAction(const QString &action);
    static constexpr const char *kGenesis
            = "0000000000000000000000000000000000000000000000000000000000000000";
};

} // namespace netcase
