#pragma once

#include <QString>

namespace netcase::cli {

/// Prints the overview (empty command) or one command's help. Returns the exit code.
int printHelp(const QString &command);

} // namespace netcase::cli
