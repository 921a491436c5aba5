#pragma once

// One netcase sub-command: its name, synopsis, help text, which kind of application object it
// needs, and the function that runs it. Each command lives in its own cmd_<name>.cpp.

#include <QStringList>

namespace netcase::cli {

enum class AppKind { Core, Gui, Widgets };

struct Command
{
    const char *name;
    const char *synopsis; ///< usage line after "netcase "
    const char *summary;  ///< one line for "netcase --help"
    const char *help;     ///< the rest of "netcase help NAME"
    AppKind app;
    int (*run)(const QStringList &args); ///< args after the command name; returns the exit code
};

/// Every command in help order.
const QList<const Command *> &commands();
const Command *findCommand(const QString &name);

} // namespace netcase::cli
