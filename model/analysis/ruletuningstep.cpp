#include "ruletuningstep.h"

#include "analysis/findingstore.h"
#include "analysis/tuning.h"
#include "audit/decisionstore.h"
#include "audit/factorprefill.h"

namespace netcase {

bool canFeedRuleTuning(const Database &db, const Subject &subject)
{
    return !FactorPrefill::findingsFor(db, subject).empty();
}

Result<int> feedRuleTuning(Database &db, const Decision &decision)
{
    if (decision.verdict != QLatin1String("benign"))
        return makeError(QStringLiteral("only a benign verdict feeds rule tuning"),
                         ErrorCode::Usage);
    int added = 0;
    for (const std::int64_t findingId : FactorPrefill::findingsFor(db, decision.subject)) {
        const std::optional<QString> rule = FindingStore::ruleOf(db, findingId);
        if (!rule)
            continue;
        TuningEntry entry;
        entry.rule = *rule;
        entry.kind = TuningEntry::Kind::Entity;
        entry.value = decision.subject.value;
        if (decision.subject.type == QLatin1String("finding")
            || decision.subject.type == QLatin1String("selection")) {
            // Suppress what the finding was about: its first address, else its first account.
            entry.value = FindingStore::primaryEntity(db, findingId);
        }
        if (entry.value.isEmpty())
            continue;
        entry.reason = decision.reasoning;
        entry.decisionId = decision.id;
        auto r = Tuning::recordVerdict(db, findingId, decision.verdict, decision.reasoning, entry,
                                       decision.analyst);
        if (!r)
            return r.error();
        ++added;
    }
    return added;
}

Result<int> countEscalation(Database &db, const Decision &decision)
{
    if (decision.verdict != QLatin1String("escalate"))
        return 0;
    int counted = 0;
    for (const std::int64_t findingId : FactorPrefill::findingsFor(db, decision.subject)) {
        auto r = Tuning::recordVerdict(db, findingId, decision.verdict, decision.reasoning,
                                       std::nullopt, decision.analyst);
        if (!r)
            return r.error();
        ++counted;
    }
    return counted;
}

Result<RecordedDecision>
recordDecision(Database &db, const Decision &draft, std::int64_t revisesId, bool tune)
{
    auto recorded = DecisionStore::record(db, draft, revisesId);
    if (!recorded)
        return recorded.error();
    RecordedDecision out{*recorded, {}};
    if (auto counted = countEscalation(db, *recorded); !counted)
        out.note = QStringLiteral("; rule statistics not updated: %1").arg(counted.error().message);
    if (tune) {
        auto tuned = feedRuleTuning(db, *recorded);
        out.note = !tuned ? QStringLiteral("; rule tuning failed: %1").arg(tuned.error().message)
                   : *tuned == 1 ? QStringLiteral("; 1 rule tuning entry added")
                                 : QStringLiteral("; %1 rule tuning entries added").arg(*tuned);
    }
    return out;
}

} // namespace netcase
