#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/migrations.h"
#include "case/sqlite.h"

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("upgrade", argv, {});
    if (!args)
        return fail(args.error());
    // Opening for writing runs the migrations (each in its own transaction) and records the
    // opening in the audit log; nothing else is changed.
    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    outLine(QStringLiteral("%1: case schema %2")
                    .arg(args->positional().first())
                    .arg(schemaVersion(c->db())));
    return 0;
}

} // namespace

extern const Command kUpgradeCommand = {
        "upgrade",
        "upgrade CASE",
        "bring a case written by an older Netcase to this version's schema",
        "Opens the case for writing once, which migrates it to this version's schema (schema 3\n"
        "moves events into the block store; schema 4 lets raw records be kept as forms rebuilt\n"
        "from their events) and records the opening in the audit log. Read-only commands refuse\n"
        "a case older than schema 3 until this (or opening it in the GUI) has been done.\n"
        "Keep a copy of the old file if older Netcase versions must still read it.",
        AppKind::Core,
        &run};

} // namespace netcase::cli
