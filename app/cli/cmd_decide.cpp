#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "analysis/ruletuningstep.h"
#include "audit/decisionstore.h"
#include "audit/factorprefill.h"
#include "audit/notecitation.h"
#include "core/identity.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parse(argv, {{"subject", true},
                                   {"verdict", true},
                                   {"confidence", true},
                                   {"factor", true},
                                   {"reason", true},
                                   {"proportionality", true},
                                   {"revises", true},
                                   {"analyst", true},
                                   {"no-prefill", false},
                                   {"tune", false},
                                   {"cite-tag", true},
                                   {"cite-starred", false},
                                   {"json", false}});
    if (!args)
        return fail(args.error());
    const QString usage = QStringLiteral(
            "usage: netcase decide CASE --subject ip:X|account:X|host:X|finding:ID --verdict V "
            "[--confidence C] [--factor TEXT]... --reason TEXT [--revises DECISION_ID]");
    if (args->positional().size() != 1)
        return fail(makeError(usage, ErrorCode::Usage));
    auto revises = args->number(QStringLiteral("revises"), 0);
    if (!revises)
        return fail(revises.error());
    if (!args->has(QStringLiteral("subject")) && *revises <= 0)
        return fail(makeError(QStringLiteral("--subject is required (%1)").arg(usage),
                              ErrorCode::Usage));
    if (!args->has(QStringLiteral("verdict")) || !args->has(QStringLiteral("reason")))
        return fail(makeError(QStringLiteral("--verdict and --reason are required (%1)").arg(usage),
                              ErrorCode::Usage));

    const bool tune = args->has(QStringLiteral("tune"));
    if (tune
        && args->value(QStringLiteral("verdict")).trimmed().toLower() != QLatin1String("benign"))
        return fail(makeError(QStringLiteral("--tune needs --verdict benign"), ErrorCode::Usage));

    Decision d;
    if (args->has(QStringLiteral("subject"))) {
        QString why;
        if (!decisions::parseSubject(args->value(QStringLiteral("subject")), &d.subject, &why))
            return fail(makeError(why, ErrorCode::Usage));
    }
    d.verdict = args->value(QStringLiteral("verdict")).trimmed().toLower();
    d.confidence = args->value(QStringLiteral("confidence"), QStringLiteral("medium")).toLower();
    d.reasoning = args->value(QStringLiteral("reason"));
    d.proportionality = args->value(QStringLiteral("proportionality"));
    d.analyst = args->value(QStringLiteral("analyst"), currentUserName());

    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    if (!args->has(QStringLiteral("no-prefill"))) {
        // A new decision starts from the signals of the subject's findings; a revision from the
        // factors of the revision it replaces.
        if (*revises > 0) {
            if (auto base = DecisionStore::byId(c->db(), *revises))
                d.factors = base->factors;
        } else {
            d.factors = FactorPrefill::forSubject(c->db(), d.subject);
        }
    }
    for (const QString &text : args->values(QStringLiteral("factor"))) {
        if (!text.trimmed().isEmpty())
            d.factors.push_back(Factor{text.trimmed(), {}, 0, {}, {}});
    }
    // Factors citing the analyst's noted events as their evidence (audit/notecitation.h, as the
    // decision editor's "Cite noted events…").
    const auto cite = [&](Note::Kind kind, const QString &tag) -> Status {
        auto f = citation::citeAll(c->db(), kind, tag);
        if (!f)
            return f.error();
        d.factors.push_back(std::move(*f));
        return {};
    };
    for (const QString &tag : args->values(QStringLiteral("cite-tag")))
        if (Status s = cite(Note::Kind::Tag, tag); !s)
            return fail(s.error());
    if (args->has(QStringLiteral("cite-starred")))
        if (Status s = cite(Note::Kind::Star, {}); !s)
            return fail(s.error());
    if (*revises > 0 && !args->has(QStringLiteral("proportionality"))) {
        // A revision keeps the proportionality text of the revision it replaces.
        if (auto base = DecisionStore::byId(c->db(), *revises))
            d.proportionality = base->proportionality;
    }
    auto recorded = DecisionStore::record(c->db(), d, *revises);
    if (!recorded)
        return fail(recorded.error());
    if (auto counted = countEscalation(c->db(), *recorded); !counted)
        return fail(counted.error());
    if (tune) {
        // The same one step as the review pane: each finding about the subject gets the benign
        // verdict in its rule statistics and a suppression of the subject for its rule.
        auto added = feedRuleTuning(c->db(), *recorded);
        if (!added)
            return fail(added.error());
        errLine(QStringLiteral("%1 tuning entr%2 added")
                        .arg(*added)
                        .arg(*added == 1 ? QStringLiteral("y") : QStringLiteral("ies")));
    }
    if (args->has(QStringLiteral("json")))
        outJson(decisions::toJson(*recorded));
    else
        outLine(QString::number(recorded->id));
    return 0;
}

} // namespace

extern const Command kDecideCommand = {
        "decide",
        "decide CASE --subject ip:X|account:X|host:X|finding:ID --verdict V [--confidence C] "
        "[--factor TEXT]... --reason TEXT [--proportionality TEXT] [--revises DECISION_ID] "
        "[--tune] [--cite-tag T]... [--cite-starred]",
        "record a decision",
        "Records an analyst's decision about a subject and prints its id. Verdicts: escalate,\n"
        "step_up_auth, throttle, manual_review, block, benign. Confidence: low, medium (default),\n"
        "high. The factors start from the signals of the subject's findings (each tied to its\n"
        "evidence events and the enrichment values shown, with their sources); each --factor\n"
        "adds a free-text factor, and --no-prefill records only those. --revises ID records a\n"
        "new revision of an earlier decision (decisions are never edited in place); it keeps\n"
        "the earlier revision's factors unless --no-prefill. --analyst NAME overrides the\n"
        "analyst name from settings (default: the OS user). --json prints the stored decision.\n"
        "Every decision is appended to the hash-chained audit log. --tune (benign only) also\n"
        "feeds rule tuning in one step, as the review pane does: each finding about the\n"
        "subject counts the benign verdict in its rule's statistics and gets a suppression of\n"
        "the subject for that rule, tied to the decision (see `netcase findings --json`).\n"
        "--cite-tag T adds a factor \"events tagged T\" whose evidence is every event carrying\n"
        "that tag, --cite-starred one citing the starred events (netcase note; reports list\n"
        "a factor's evidence).",
        AppKind::Core,
        &run};

} // namespace netcase::cli
