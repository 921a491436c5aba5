#include "cli/command.h"
#include "cli/output.h"

namespace netcase::cli {

namespace {

int run(const QStringList &)
{
    errLine(QStringLiteral("'enrich' is not available in this build yet"));
    return 2;
}

} // namespace

extern const Command kEnrichCommand = {"enrich", "enrich CASE [--mmdb PATH]... [--list PATH]... [--asn-csv PATH] [--json]", "(re-)enrich every IP of the case", "", AppKind::Core, &run};

} // namespace netcase::cli
