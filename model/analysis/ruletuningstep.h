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

struct RecordedDecision
{
    Decision decision;
    QString note; ///< what else happened, for the status bar ("; 2 rule tuning entries added")
};

/// How the GUI records a decision (the annotation pane, and findings triage once per finding):
/// DecisionStore::record (audited, signed), then countEscalation, then, when tune is set,
/// feedRuleTuning. A failure after the decision is recorded is reported in note.
Result<RecordedDecision>
recordDecision(Database &db, const Decision &draft, std::int64_t revisesId, bool tune);

} // namespace netcase
