#pragma once

// Who holds a case's lock file (PATH.lock, a QLockFile written by the process that opened the
// case for writing), told in words a user can act on: the process, its host, since when, and
// how to clear a lock whose process cannot be checked from here.

#include <QDateTime>
#include <QString>

#include <optional>

namespace netcase {

struct CaseLockHolder
{
    qint64 pid = 0;
    QString host;
    QString app;
    QDateTime since;      ///< when the lock was taken (the lock file's time)
    bool thisHost = true; ///< the holder runs on this machine
    bool alive = true;    ///< false when it ran here and is gone (a stale lock)
    bool thisProcess = false;
};

QString caseLockPath(const QString &casePath);

/// The holder of the case's lock, nullopt when the lock file is absent or unreadable.
std::optional<CaseLockHolder> caseLockHolder(const QString &casePath);

/// "pid 123, since 2026-12-07 13:05:12 UTC, 4 min 10 s ago"; for another host also its name and how
/// to clear a lock left there.
QString describeLockHolder(const QString &casePath, const CaseLockHolder &holder);

/// A bulk import (rollback journal, exclusive lock) by another live process is writing the case
/// now: readers are told at once instead of waiting for SQLite's busy timeout.
bool bulkImportRunning(const QString &casePath, const CaseLockHolder &holder);

} // namespace netcase
