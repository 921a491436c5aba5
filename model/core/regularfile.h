#pragma once

// Inputs the user names (logs to import, lists and ASN tables for enrichment) are read to the
// end. A FIFO, socket or device never ends, or blocks on open, so anything that is not a
// regular file is refused up front with a message naming the path.

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace netcase {

/// Ok when path is a regular file (or a link to one); otherwise why it is refused.
/// allowFolder also accepts a folder.
Status requireRegularFile(const QString &path, bool allowFolder = false);

/// The whole of a regular file, or why it cannot be read (the message names the path).
Result<QByteArray> readRegularFile(const QString &path);

} // namespace netcase
