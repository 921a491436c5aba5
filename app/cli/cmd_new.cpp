#include "cli/args.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/casefile.h"
#include "core/displaytext.h"

#include <QDate>
#include <QFileInfo>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand(
            "new", argv,
            {{"title", true}, {"authorization", true}, {"scope", true}, {"retention", true}});
    if (!args)
        return fail(args.error());
    CaseInfo info;
    const QString path = args->positional().first();
    info.title = args->value(QStringLiteral("title"), QFileInfo(path).completeBaseName());
    info.authorization = args->value(QStringLiteral("authorization"));
    info.scope = args->value(QStringLiteral("scope"));
    info.retentionDate = args->value(QStringLiteral("retention"));
    if (!info.retentionDate.isEmpty()
        && !QDate::fromString(info.retentionDate, Qt::ISODate).isValid())
        return fail(makeError(QStringLiteral("--retention expects a date as YYYY-MM-DD"),
                              ErrorCode::Usage));
    auto c = CaseFile::create(path, info);
    if (!c)
        return fail(c.error());
    outLine(QStringLiteral("created %1").arg(displaySafe(path)));
    return 0;
}

} // namespace

extern const Command kNewCommand
        = {"new",
           "new CASE [--title T] [--authorization REF] [--scope S] [--retention DATE]",
           "create a case file",
           "Creates an empty case. The title defaults to the file name. The authorisation\n"
           "reference (ticket, warrant or approval), scope and retention date (YYYY-MM-DD) are\n"
           "recorded in the case and in its audit log. An existing file is never overwritten.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
