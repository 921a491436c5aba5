#pragma once

// Writes a file through a temporary file in the same directory (QSaveFile) and renames it into
// place only when everything was written, so a crash, an error or a cancel never leaves half a
// file and never damages an older file of that name.

#include "core/result.h"

#include <QString>

#include <atomic>
#include <functional>

class QIODevice;

namespace netcase {

using DeviceWriter = std::function<Status(QIODevice &device)>;

/// Runs write on the temporary file, then commits it unless write failed or cancel is set.
Status writeFileAtomically(const QString &path,
                           const DeviceWriter &write,
                           const std::atomic<bool> &cancel);

} // namespace netcase
