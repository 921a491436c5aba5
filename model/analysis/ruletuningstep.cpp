#include "ruletuningstep.h"

#include "analysis/tuning.h"
#include "audit/factorprefill.h"
#include "case/sqlite.h"

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
        Statement f = db.prepare("SELECT rule FROM findings WHERE id = ?");
        f.bind(1, findingId);
        if (!f.step())
            continue;
        TuningEntry entry;
        entry.rule = f.text(0);
        entry.kind = TuningEntry::Kind::Entity;
        entry.value = decision.subject.value;
        if (decision.subject.type == QLatin1String("finding")
            || decision.subject.type == QLatin1String("selection")) {
            // Suppress what the finding was about: its first address, else its first account.
            Statement e = db.prepare("SELECT value FROM finding_entities WHERE finding_id = ? "
                                     "ORDER BY type <> 'ip', type, value LIMIT 1");
            e.bind(1, findingId);
            entry.value = e.step() ? e.text(0) : QString();
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

} // namespace netcase
