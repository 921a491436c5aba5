#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/retention.h"
#include "core/displaytext.h"
#include "core/identity.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("preserve", argv,
                                   {{"reason", true}, {"release", false}, {"json", false}},
                                   {.required = {"reason"}});
    if (!args)
        return fail(args.error());
    const bool json = args->has(QStringLiteral("json"));
    setJsonErrors(json);
    const bool release = args->has(QStringLiteral("release"));
    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    if (Status s = retention::setPreserved(c->db(), !release, args->value(QStringLiteral("reason")),
                                           currentUserName());
        !s.ok())
        return fail(s.error());
    const retention::Preservation p = retention::preservation(c->db());
    if (json) {
        outJson({{"preserved", p.preserved},
                 {"reason", p.reason.toStdString()},
                 {"by", p.by.toStdString()},
                 {"at", p.at.toStdString()}});
        return 0;
    }
    outLine(p.preserved ? QStringLiteral("preserved for an incident: %1").arg(displaySafe(p.reason))
                        : QStringLiteral("released: %1").arg(displaySafe(p.reason)));
    return 0;
}

} // namespace

extern const Command kPreserveCommand
        = {"preserve",
           "preserve CASE --reason TEXT [--release] [--json]",
           "mark a case as preserved for an incident (purge refused), or release it",
           "Marks the case as preserved for an incident: `netcase purge` is refused while the\n"
           "mark is set, whatever the retention date. --release removes the mark. Both need a\n"
           "reason and are audit records (case.preserve, case.release). `info` and reports show\n"
           "the mark and its reason. --json prints preserved, reason, by and at.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
