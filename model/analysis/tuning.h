#pragma once

// Analyst feedback on the rules. Marking a finding benign can create a tuning entry: suppress an
// entity, a CIDR or an ASN for one rule (optionally until an expiry), or change a threshold.
// Per-rule statistics (hits, escalated, benign) show which rules only create noise. Every change
// is audited in the same transaction. Used by the decision pane and the command line.

#include "core/result.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace netcase {

class Database;
struct Finding;

struct TuningEntry
{
    enum class Kind { Entity, Cidr, Asn, Threshold };

    std::int64_t id = 0;
    QString rule; ///< the rule key (e.g. "stuffing", "user_agent.scripted"); "*" for all rules
    Kind kind = Kind::Entity;
    /// Entity: an address, account or host. Cidr: "203.0.113.0/24". Asn: "AS64500" or "64500".
    /// Threshold: {"key": "min_accounts", "value": 20} as JSON text.
    QString value;
    QString reason;
    QString createdBy;
    QString createdAt;
    QString expiresAt;           ///< ISO 8601 UTC; empty = no expiry
    std::int64_t decisionId = 0; ///< the decision that asked for it, 0 when none

    bool expired(const QString &nowIso) const;
    static QString kindName(Kind k);
    static std::optional<Kind> kindFromName(const QString &name);
};

struct RuleStats
{
    QString rule;
    std::int64_t hits = 0;
    std::int64_t escalated = 0;
    std::int64_t benign = 0;
};

class Tuning
{
public:
    /// Validates and stores an entry (threshold entries also update the case's rule overrides).
    /// Opens its own transaction unless one is already open. Returns the entry id.
    static Result<std::int64_t> add(Database &db, TuningEntry entry, const QString &actor);
    /// Ends an entry now (it stays in the table for the record).
    static Status expire(Database &db, std::int64_t id, const QString &actor);
    static std::vector<TuningEntry> list(const Database &db, bool includeExpired = false);

    /// Records an analyst's verdict on a finding in the rule statistics: "benign" or
    /// "escalate" (any other verdict only counts as reviewed). With tuning, also adds the entry.
    static Result<std::int64_t> recordVerdict(Database &db,
                                              std::int64_t findingId,
                                              const QString &verdict,
                                              const QString &reason,
                                              const std::optional<TuningEntry> &tuning,
                                              const QString &actor);

    static std::vector<RuleStats> stats(const Database &db);
    /// The statistics as exported JSON: [{rule, hits, escalated, benign, benign_ratio}].
    static nlohmann::json statsJson(const Database &db);

    /// The id of the first live entry that suppresses this finding, 0 when none.
    static std::int64_t suppressing(const std::vector<TuningEntry> &entries, const Finding &f);
};

} // namespace netcase
