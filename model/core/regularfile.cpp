#include "regularfile.h"

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

} // namespace netcase
