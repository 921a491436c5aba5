#include "cli/command.h"
#include "cli/output.h"

namespace netcase::cli {

namespace {

int run(const QStringList &)
{
    errLine(QStringLiteral("'decisions' is not available in this build yet"));
    return 2;
}

} // namespace

extern const Command kDecisionsCommand = {"decisions", "decisions CASE [--json]", "list decisions with revisions and reviews", "", AppKind::Core, &run};

} // namespace netcase::cli
