#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "audit/auditlog.h"

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parse(argv, {{"json", false}});
    if (!args)
        return fail(args.error());
    if (args->positional().size() != 1)
        return fail(makeError(QStringLiteral("usage: netcase verify CASE"), ErrorCode::Usage));
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    const AuditVerdict v = AuditLog::verify(c->db());
    if (!v.intact) {
        errLine(QStringLiteral("audit chain broken at record %1: %2")
                        .arg(v.firstBadSeq)
                        .arg(v.problem));
        return 2;
    }
    outLine(QStringLiteral("audit chain intact: %1 records, head %2").arg(v.records).arg(v.headHash));
    return 0;
}

} // namespace

extern const Command kVerifyCommand = {
        "verify", "verify CASE", "check the case's hash-chained audit log",
        "Recomputes every audit record's SHA-256 chain. Exit 0 when intact; exit 2 naming the\n"
        "first record that was altered, inserted or removed.",
        AppKind::Core, &run};

} // namespace netcase::cli
