#pragma once

// The one step from a benign verdict to rule tuning: every finding about the decision's
// subject gets the verdict in its rule's statistics and a suppression of the subject for that
// rule, tied to the decision. Tuning audits each change itself.

#include "audit/decision.h"
#include "core/result.h"

namespace netcase {

class Database;

/// Whether the subject has findings whose rules a benign verdict could tune.
bool canFeedRuleTuning(const Database &db, const Subject &subject);
/// Applies the step; returns how many tuning entries were added.
Result<int> feedRuleTuning(Database &db, const Decision &decision);
/// An "escalate" decision counts as escalated in the statistics of the rule of every finding
/// about its subject (no tuning). Other verdicts: nothing. Returns the findings counted.
Result<int> countEscalation(Database &db, const Decision &decision);

} // namespace netcase
