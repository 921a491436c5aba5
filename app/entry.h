#pragma once

namespace netcase {

/// Everything main() does: the command line, or the workbench window.
int netcaseMain(int argc, char **argv);

} // namespace netcase
