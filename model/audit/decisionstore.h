#pragma once

// Reads and appends decisions and reviews. Every write runs in one transaction together with
// its audit record (which carries the full stored content, so the trail check can prove the
// tables were not edited behind the log's back).

#include "audit/decision.h"
#include "core/result.h"

#include <optional>
#include <vector>

namespace netcase {

class Database;

class DecisionStore
{
public:
    /// Records a new decision, or a new revision of the decision `revisesId` belongs to.
    /// Fills id, key, revision and createdAt; refuses unknown verdicts and empty reasoning.
    static Result<Decision> record(Database &db, Decision decision, std::int64_t revisesId = 0);
    /// Records a reviewer's agree/challenge on one decision revision.
    static Result<Review> addReview(Database &db, Review review);

    static std::optional<Decision> byId(const Database &db, std::int64_t id);
    /// Every revision of every decision, by key then revision.
    static std::vector<Decision> all(const Database &db);
    /// The latest revision of each decision, newest first.
    static std::vector<Decision> latest(const Database &db);
    /// Every revision recorded on the subject, newest first.
    static std::vector<Decision> forSubject(const Database &db, const Subject &subject);
    /// The revisions of one decision, oldest first.
    static std::vector<Decision> revisions(const Database &db, const QString &key);
    /// Reviews of one decision revision (all reviews when decisionId is 0), oldest first.
    static std::vector<Review> reviews(const Database &db, std::int64_t decisionId = 0);
    /// The operating-system account that recorded the decision (from its audit record); empty
    /// for decisions recorded before Netcase kept it.
    static QString decisionAccount(const Database &db, std::int64_t decisionId);
};

} // namespace netcase
