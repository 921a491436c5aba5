#include "caselock.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLockFile>
#include <QSysInfo>

#include <cerrno>

#include <signal.h>

namespace netcase {

namespace {

QString duration(qint64 secs)
{
    if (secs < 60)
        return QStringLiteral("%1 s").arg(secs);
    if (secs < 3600)
        return QStringLiteral("%1 min %2 s").arg(secs / 60).arg(secs % 60);
    return QStringLiteral("%1 h %2 min").arg(secs / 3600).arg((secs % 3600) / 60);
}

} // namespace

QString caseLockPath(const QString &casePath)
{
    return casePath + QStringLiteral(".lock");
}

std::optional<CaseLockHolder> caseLockHolder(const QString &casePath)
{
    const QString lock = caseLockPath(casePath);
    const QFileInfo fi(lock);
    if (!fi.exists())
        return std::nullopt;
    CaseLockHolder h;
    if (!QLockFile(lock).getLockInfo(&h.pid, &h.host, &h.app))
        return std::nullopt;
    h.since = fi.lastModified().toUTC();
    h.thisHost = h.host.isEmpty() || h.host == QSysInfo::machineHostName();
    h.thisProcess = h.thisHost && h.pid == QCoreApplication::applicationPid();
    if (h.thisHost && h.pid > 0)
        h.alive = ::kill(pid_t(h.pid), 0) == 0 || errno == EPERM;
    return h;
}

QString describeLockHolder(const QString &casePath, const CaseLockHolder &h)
{
    QString text = QStringLiteral("pid %1").arg(h.pid);
    if (!h.thisHost)
        text += QStringLiteral(" on host %1").arg(h.host);
    if (h.since.isValid()) {
        const qint64 secs = qMax<qint64>(0, h.since.secsTo(QDateTime::currentDateTimeUtc()));
        text += QStringLiteral(", since %1 UTC, %2 ago")
                        .arg(h.since.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                             duration(secs));
    }
    if (!h.thisHost)
        text += QStringLiteral("; if no Netcase runs on %1 any more, delete %2 to clear it")
                        .arg(h.host, caseLockPath(casePath));
    return text;
}

bool bulkImportRunning(const QString &casePath, const CaseLockHolder &h)
{
    // A bulk import writes through a rollback journal (BulkWriteScope): the journal exists for
    // as long as its transaction does. A journal whose writer is gone is hot and is rolled back
    // by the next opening instead, so only a live holder counts.
    return h.alive && !h.thisProcess && QFileInfo(casePath + QStringLiteral("-journal")).size() > 0;
}

} // namespace netcase
