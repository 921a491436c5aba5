#include "cli/command.h"
#include "cli/output.h"

namespace netcase::cli {

namespace {

int run(const QStringList &)
{
    errLine(QStringLiteral("'report' is not available in this build yet"));
    return 2;
}

} // namespace

extern const Command kReportCommand = {"report", "report CASE -o FILE.html|FILE.pdf|FILE.json", "write a report (format from the extension)", "", AppKind::Gui, &run};

} // namespace netcase::cli
