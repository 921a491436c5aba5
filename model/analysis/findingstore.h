#pragma once

// Findings in the case: written by the analysis (updated in place by fingerprint, so finding
// ids stay stable across runs) and read back by the command line, the findings view and reports.

#include "finding.h"

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace netcase {

class Database;

struct StoredFinding
{
    std::int64_t id = 0;
    QString fingerprint;
    QString kind;
    QString rule;
    QString title;
    int severity = 0;
    std::int64_t firstTs = 0;
    std::int64_t lastTs = 0;
    nlohmann::json signalList = nlohmann::json::array();
    nlohmann::json caveats = nlohmann::json::array();
    nlohmann::json details = nlohmann::json::object();
    std::int64_t evidenceCount = 0;
    std::int64_t suppressedBy = 0; ///< tuning entry id, 0 when not suppressed
    bool active = true;
    QStringList ips;
    QStringList accounts;
    QStringList hosts;
    QStringList asns;

    /// The `netcase findings --json` object.
    nlohmann::json toJson() const;
};

class FindingStore
{
public:
    /// Upserts findings by fingerprint, marks the ones this run no longer produced inactive.
    /// The caller owns the transaction. Returns the number written.
    static Result<std::int64_t>
    write(Database &db, std::int64_t runId, const std::vector<Finding> &findings, int maxEvidence);
    /// Active findings by severity (descending), or all of them.
    static std::vector<StoredFinding> read(const Database &db, bool includeInactive = false);
    static std::optional<StoredFinding> byId(const Database &db, std::int64_t id);
    /// Evidence event ids of a finding (capped at the rules' max_evidence when stored).
    static std::vector<std::int64_t> evidence(const Database &db, std::int64_t id);
    /// How many findings the case holds, active or not.
    static std::int64_t count(const Database &db);
    /// The rule that produced a finding, if the finding exists.
    static std::optional<QString> ruleOf(const Database &db, std::int64_t id);
    /// What a finding is mainly about: its first address, else its first entity of another
    /// type (accounts before ASNs and hosts), by value; empty when it names none.
    static QString primaryEntity(const Database &db, std::int64_t id);
};

} // namespace netcase
