#pragma once

#include <QString>

namespace netcase {

/// Starts the workbench, optionally on a case (for review: read-only).
int runGui(int &argc, char **argv, const QString &casePath, bool review);

} // namespace netcase
