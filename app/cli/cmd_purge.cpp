#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/retention.h"
#include "core/identity.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("purge", argv, {{"json", false}});
    if (!args)
        return fail(args.error());
    const bool json = args->has(QStringLiteral("json"));
    setJsonErrors(json);
    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    auto r = retention::purge(*c, currentUserName(), QDate::currentDate());
    if (!r)
        return fail(r.error());
    if (json) {
        outJson({{"events", r->events},
                 {"event_blocks", r->eventBlocks},
                 {"posting_rows", r->postingRows},
                 {"raw_blocks", r->rawBlocks},
                 {"rejects", r->rejects},
                 {"bytes_before", r->bytesBefore},
                 {"bytes_after", r->bytesAfter},
                 {"at", r->at.toStdString()}});
        return 0;
    }
    outLine(QStringLiteral("purged: events %1 (event blocks %2, posting lists %3), raw-record "
                           "blocks %4, rejects %5")
                    .arg(r->events)
                    .arg(r->eventBlocks)
                    .arg(r->postingRows)
                    .arg(r->rawBlocks)
                    .arg(r->rejects));
    outLine(QStringLiteral("kept findings, decisions, reviews, notes and the audit trail; "
                           "recorded as case.purge"));
    outLine(QStringLiteral("file size %1 -> %2 bytes").arg(r->bytesBefore).arg(r->bytesAfter));
    return 0;
}

} // namespace

extern const Command kPurgeCommand
        = {"purge",
           "purge CASE [--json]",
           "remove raw records and events past the retention date",
           "Once the case's retention date (new --retention) has passed, removes its events (the\n"
           "event blocks, posting lists and removed-duplicate ids), its raw records and its\n"
           "rejects (which hold raw lines), and compacts the file so it shrinks. Findings (with\n"
           "their signals, details and evidence ids), decisions, reviews, notes, sources (name,\n"
           "SHA-256, counts) and the audit trail are kept. The purge is one audit record\n"
           "(case.purge, with the counts) committed with the removal, so an interrupted purge\n"
           "leaves the case as it was, and `netcase verify` stays intact afterwards.\n"
           "Refused (exit 2) when the case has no retention date, before that date has passed,\n"
           "and while the case is preserved for an incident (netcase preserve). --json prints\n"
           "events, event_blocks, posting_rows, raw_blocks, rejects, bytes_before, bytes_after\n"
           "and at.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
