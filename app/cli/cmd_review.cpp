#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "audit/decisionstore.h"
#include "core/identity.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("review", argv,
                                   {{"decision", true},
                                    {"verdict", true},
                                    {"note", true},
                                    {"reviewer", true},
                                    {"self-review", false},
                                    {"json", false}},
                                   {.required = {"decision", "verdict"}});
    if (!args)
        return fail(args.error());
    auto decision = args->number(QStringLiteral("decision"), 0);
    if (!decision)
        return fail(decision.error());

    Review r;
    r.decisionId = *decision;
    r.verdict = args->value(QStringLiteral("verdict")).trimmed().toLower();
    r.note = args->value(QStringLiteral("note"));
    r.reviewer = args->value(QStringLiteral("reviewer"), currentUserName());
    r.selfReview = args->has(QStringLiteral("self-review"));
    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    // The store checks the verdict, the note of a challenge and the decision, and appends the
    // review to the audit log in the same transaction.
    auto recorded = DecisionStore::addReview(c->db(), r);
    if (!recorded)
        return fail(recorded.error());
    if (args->has(QStringLiteral("json")))
        outJson(decisions::toJson(*recorded));
    else
        outLine(QString::number(recorded->id));
    return 0;
}

} // namespace

extern const Command kReviewCommand
        = {"review",
           "review CASE --decision ID --verdict agree|challenge [--note TEXT] [--reviewer NAME] "
           "[--self-review]",
           "record a reviewer's agreement or challenge of a decision",
           "Records a review of one decision revision (ids as listed by `netcase decisions`) and\n"
           "prints its id: agree, or challenge with a --note saying why (required). --reviewer\n"
           "NAME overrides the reviewer name (default: the OS user). Events and decisions are not\n"
           "changed; the review is appended to the hash-chained audit log. --json prints the\n"
           "stored review. The GUI's review mode (netcase --review CASE) records the same.\n"
           "A review by the decision's analyst (the same name, or the same operating-system\n"
           "account that recorded the decision) is refused unless --self-review says so; it is\n"
           "then recorded and shown in reports as a self-review.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
