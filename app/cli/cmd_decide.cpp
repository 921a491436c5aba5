#include "cli/command.h"
#include "cli/output.h"

namespace netcase::cli {

namespace {

int run(const QStringList &)
{
    errLine(QStringLiteral("'decide' is not available in this build yet"));
    return 2;
}

} // namespace

extern const Command kDecideCommand = {"decide", "decide CASE --subject ip:X|account:X|host:X|finding:ID --verdict V [--confidence C] [--factor TEXT]... --reason TEXT", "record a decision", "", AppKind::Core, &run};

} // namespace netcase::cli
