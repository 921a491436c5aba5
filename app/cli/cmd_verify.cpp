#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "audit/trailcheck.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("verify", argv, {{"json", false}, {"head", true}});
    if (!args)
        return fail(args.error());
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    const TrailCheck t = TrailCheck::run(c->db(), args->value(QStringLiteral("head")));
    if (args->has(QStringLiteral("json"))) {
        nlohmann::json problems = nlohmann::json::array();
        for (const QString &p : t.problems)
            problems.push_back(p.toStdString());
        nlohmann::json j = {{"intact", t.intact()},
                            {"records", t.chain.records},
                            {"head", t.chain.headHash.toStdString()},
                            {"first_bad_record", t.chain.firstBadSeq},
                            {"chain_problem", t.chain.problem.toStdString()},
                            {"problems", problems},
                            {"head_found", t.headFound}};
        if (!t.intact())
            j["error"] = errorObject(makeError(t.summary()));
        outJson(j);
        return t.intact() ? 0 : 2;
    }
    if (!t.chain.intact) {
        errLine(t.summary());
        return 2;
    }
    for (const QString &p : t.problems)
        errLine(QStringLiteral("audit trail damaged: %1").arg(p));
    if (!t.headFound)
        errLine(t.summary());
    if (!t.intact())
        return 2;
    outLine(t.summary());
    return 0;
}

} // namespace

extern const Command kVerifyCommand = {
        "verify",
        "verify CASE [--head HASH] [--json]",
        "check the case's hash-chained audit log",
        "Recomputes every audit record's SHA-256 chain and checks that each decision and review\n"
        "still equals what its audit record says was written, and that the append-only\n"
        "triggers are in place. Exit 0 when intact; exit 2 naming the first record that was\n"
        "altered, inserted or removed. Removing the newest records leaves a shorter valid\n"
        "chain: --head HASH (the head a report printed) checks that record is still there.",
        AppKind::Core,
        &run};

} // namespace netcase::cli
