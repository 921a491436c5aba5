#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "core/displaytext.h"
#include "core/identity.h"
#include "items/directoryimport.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("directory", argv, {{"json", false}},
                                   {.minPositional = 2, .maxPositional = 2});
    if (!args)
        return fail(args.error());
    auto c = openCase(args->positional().at(0), true);
    if (!c)
        return fail(c.error());
    // One transaction with its audit record: a bad file changes nothing.
    auto sum = DirectoryImport::importFile(c->db(), args->positional().at(1), currentUserName());
    if (!sum)
        return fail(sum.error());
    if (args->has(QStringLiteral("json"))) {
        nlohmann::json skipped = nlohmann::json::array();
        for (const QString &s : sum->skipped)
            skipped.push_back(s.toStdString());
        outJson({{"rows", sum->rows},
                 {"imported", sum->imported},
                 {"skipped", sum->skippedCount},
                 {"skipped_examples", skipped}});
        return 0;
    }
    outLine(QStringLiteral("%1 of %2 directory records imported")
                    .arg(sum->imported)
                    .arg(sum->rows));
    for (const QString &s : sum->skipped)
        outLine(QStringLiteral("  skipped %1").arg(displaySafe(s)));
    return 0;
}

} // namespace

extern const Command kDirectoryCommand
        = {"directory",
           "directory CASE FILE.csv [--json]",
           "import directory context for the account view",
           "Reads a directory export (CSV, comma or semicolon separated) with an account column\n"
           "(account, user, username, UPN or email) and any of: MFA enrolled, device trust,\n"
           "department, last password reset; other columns are kept as extra. Rows replace\n"
           "earlier records of the same account. The account view shows them beside the\n"
           "account's activity (Case -> Import directory CSV... does the same). Audited.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
