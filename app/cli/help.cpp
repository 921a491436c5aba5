#include "help.h"

#include "cli/command.h"
#include "cli/output.h"

#include "api/registry.h"
#include "query/queryhelp.h"

namespace netcase::cli {

int printHelp(const QString &command)
{
    if (command.isEmpty()) {
        outLine(QStringLiteral("Netcase %1: an investigation workbench for IP intelligence\n")
                        .arg(QStringLiteral(NETCASE_VERSION)));
        outLine(QStringLiteral("usage: netcase [CASE]            open the workbench"));
        outLine(QStringLiteral("       netcase --review CASE     open a case for review"));
        outLine(QStringLiteral(
                "       netcase COMMAND [ARGS]    run a command without a window\n"));
        outLine(QStringLiteral("commands:"));
        for (const Command *c : commands())
            outLine(QStringLiteral("  %1%2")
                            .arg(QLatin1String(c->name), -14)
                            .arg(QLatin1String(c->summary)));
        outLine(QStringLiteral("\n'netcase help COMMAND' describes one command, 'netcase help "
                               "query' the query language.\n"
                               "Encrypted cases (new --encrypt): every command takes --key-file "
                               "FILE, or asks for the passphrase on a terminal.\n"
                               "Exit status: 0 success, 1 usage error, 2 input or data error, "
                               "3 the case is locked or read-only."));
        return 0;
    }
    if (command == QLatin1String("query")) {
        out(QString::fromStdString(query::queryHelpText()));
        return 0;
    }
    const Command *c = findCommand(command);
    if (!c)
        return fail(makeError(QStringLiteral("no command '%1'; see 'netcase --help'").arg(command),
                              ErrorCode::Usage));
    outLine(QStringLiteral("usage: netcase %1\n").arg(QLatin1String(c->synopsis)));
    outLine(QLatin1String(c->summary));
    if (*c->help)
        outLine(QStringLiteral("\n") + QLatin1String(c->help));
    if (command == QLatin1String("import")) {
        outLine(QStringLiteral("\nformats (--format NAME):"));
        for (const auto &imp : importers())
            outLine(QStringLiteral("  %1 %2").arg(imp->name(), -16).arg(imp->label()));
    }
    return 0;
}

} // namespace netcase::cli
