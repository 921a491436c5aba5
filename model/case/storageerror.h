#pragma once

// Storage failures said as what happened: a full disk or a read-only location, recognised from
// SQLite's extended result code and the system errno behind it, with the path that was hit.

#include "core/result.h"

#include <QString>

namespace netcase {

class Database;

enum class StorageFault { None, DiskFull, ReadOnly };

/// SQLITE_FULL or ENOSPC/EDQUOT is a full disk; SQLITE_READONLY (but a hot journal) or a
/// refused open with EACCES/EPERM/EROFS is a read-only location.
StorageFault classifyStorageFault(int sqliteExtendedCode, int systemErrno);

/// The user's message for a fault at path; detail is SQLite's own text. None keeps detail.
Error storageError(StorageFault fault, const QString &path, const QString &detail);

/// The same for the last error of db (its code, errno and message).
Error storageError(const Database &db, const QString &detail);

} // namespace netcase
