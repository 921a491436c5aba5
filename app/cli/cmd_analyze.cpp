#include "cli/command.h"
#include "cli/output.h"

namespace netcase::cli {

namespace {

int run(const QStringList &)
{
    errLine(QStringLiteral("'analyze' is not available in this build yet"));
    return 2;
}

} // namespace

extern const Command kAnalyzeCommand = {"analyze", "analyze CASE [--json]", "run the detections", "", AppKind::Core, &run};

} // namespace netcase::cli
