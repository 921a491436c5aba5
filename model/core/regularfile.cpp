#include "regularfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace netcase {

Status requireRegularFile(const QString &path, bool allowFolder)
{
    // QFileInfo stats without opening, so this cannot block on a FIFO.
    const QFileInfo fi(path);
    if (!fi.exists())
        return makeError(
                QStringLiteral("%1: no such file%2")
                        .arg(path, allowFolder ? QStringLiteral(" or folder") : QString()));
    if (fi.isFile() || (allowFolder && fi.isDir()))
        return {};
    if (fi.isDir())
        return makeError(QStringLiteral("%1: is a folder, not a file").arg(path));
    return makeError(QStringLiteral("%1: not a regular file (a FIFO, socket or device); refused, "
                                    "as reading it could block forever")
                             .arg(path));
}

Result<QByteArray> readRegularFile(const QString &path)
{
    if (Status s = requireRegularFile(path); !s)
        return s.error();
    QFile f(path);
    QByteArray bytes;
    if (f.open(QIODevice::ReadOnly))
        bytes = f.readAll();
    if (!f.isOpen() || f.error() != QFileDevice::NoError)
        return makeError(QCoreApplication::translate("netcase", "%1: cannot read (%2)")
                                 .arg(path, f.errorString()));
    return bytes;
}

} // namespace netcase
