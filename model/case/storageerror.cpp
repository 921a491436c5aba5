#include "storageerror.h"

#include "case/sqlite.h"

#include <sqlite3.h>

#include <cerrno>

namespace netcase {

StorageFault classifyStorageFault(int sqliteExtendedCode, int systemErrno)
{
    const int primary = sqliteExtendedCode & 0xff;
    if (primary == SQLITE_FULL || systemErrno == ENOSPC || systemErrno == EDQUOT)
        return StorageFault::DiskFull;
    // A hot journal needs one writable opening to be rolled back: casefile.cpp says so itself.
    if (primary == SQLITE_READONLY && sqliteExtendedCode != SQLITE_READONLY_ROLLBACK)
        return StorageFault::ReadOnly;
    const bool refused = systemErrno == EACCES || systemErrno == EPERM || systemErrno == EROFS;
    if (refused && (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR))
        return StorageFault::ReadOnly;
    return StorageFault::None;
}

Error storageError(StorageFault fault, const QString &path, const QString &detail)
{
    switch (fault) {
    case StorageFault::DiskFull:
        return makeError(QStringLiteral("disk full while writing %1 (%2); nothing was saved and "
                                        "the case is as it was: free space and try again")
                                 .arg(path, detail),
                         ErrorCode::Data);
    case StorageFault::ReadOnly:
        return makeError(QStringLiteral("%1 is in a read-only location (%2); it can be read but "
                                        "not changed: copy it to a writable folder to change it")
                                 .arg(path, detail),
                         ErrorCode::Locked);
    case StorageFault::None:
        break;
    }
    return makeError(detail);
}

Error storageError(const Database &db, const QString &detail)
{
    return storageError(classifyStorageFault(db.lastErrorCode(), db.lastSystemErrno()), db.path(),
                        detail);
}

} // namespace netcase
