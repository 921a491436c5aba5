#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "audit/trailcheck.h"
#include "core/displaytext.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("verify", argv,
                                   {{"json", false}, {"head", true}, {"expect-head", true}});
    if (!args)
        return fail(args.error());
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    const QString head = args->has(QStringLiteral("expect-head"))
                                 ? args->value(QStringLiteral("expect-head"))
                                 : args->value(QStringLiteral("head"));
    const TrailCheck t = TrailCheck::run(c->db(), head);
    if (args->has(QStringLiteral("json"))) {
        nlohmann::json problems = nlohmann::json::array();
        for (const QString &p : t.problems)
            problems.push_back(p.toStdString());
        nlohmann::json notCovered = nlohmann::json::array();
        for (const QString &n : t.notCovered)
            notCovered.push_back(n.toStdString());
        nlohmann::json signers = nlohmann::json::array();
        for (const QString &n : t.signers)
            signers.push_back(n.toStdString());
        nlohmann::json j = {{"intact", t.intact()},
                            {"records", t.chain.records},
                            {"head", t.chain.headHash.toStdString()},
                            {"first_bad_record", t.chain.firstBadSeq},
                            {"chain_problem", t.chain.problem.toStdString()},
                            {"problems", problems},
                            {"head_found", t.headFound},
                            {"sections_checked", t.sectionsChecked},
                            {"not_covered", notCovered},
                            {"signers", signers},
                            {"older_unsigned_records", t.olderUnsigned}};
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
        errLine(QStringLiteral("the expected head hash is not in the audit chain (records were "
                               "removed or the chain was rewritten)"));
    if (!t.notCovered.isEmpty())
        errLine(QStringLiteral("not covered (written before this case had section digests): %1")
                        .arg(t.notCovered.join(QStringLiteral(", "))));
    if (!t.intact())
        return 2;
    outLine(t.summary());
    outLine(QStringLiteral("%1 sections checked against the digests recorded in the chain")
                    .arg(t.sectionsChecked));
    for (const QString &s : t.signers)
        outLine(QStringLiteral("signed: %1").arg(displaySafe(s)));
    if (t.olderUnsigned > 0)
        outLine(QStringLiteral("%1 decision/review records from before Netcase signed them")
                        .arg(t.olderUnsigned));
    return 0;
}

} // namespace

extern const Command kVerifyCommand = {
        "verify",
        "verify CASE [--expect-head HASH] [--json]",
        "check the audit chain and everything under it (digests, signatures)",
        "Recomputes every audit record's SHA-256 chain and checks that each decision and review\n"
        "still equals what its audit record says was written, and that the append-only\n"
        "triggers are in place. Exit 0 when intact; exit 2 naming the first record that was\n"
        "altered, inserted or removed. Removing the newest records leaves a shorter valid\n"
        "chain: --expect-head HASH (the head a report printed; --head is the old name) checks\n"
        "that record is still there. Times must rise along the chain. Everything the case\n"
        "asserts is recomputed (case details, sources, event and raw blocks, rejects,\n"
        "dictionaries, enrichment, findings and evidence, tuning, decisions, reviews) and\n"
        "compared with the digests recorded in the chain when it was written; the first\n"
        "difference of each section is named. Sections written before digests existed\n"
        "(older cases) are listed as not covered.",
        AppKind::Core,
        &run};

} // namespace netcase::cli
