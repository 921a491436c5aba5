#include "cli/command.h"
#include "cli/output.h"

namespace netcase::cli {

namespace {

int run(const QStringList &)
{
    errLine(QStringLiteral("'findings' is not available in this build yet"));
    return 2;
}

} // namespace

extern const Command kFindingsCommand = {"findings", "findings CASE [--json]", "list findings", "", AppKind::Core, &run};

} // namespace netcase::cli
