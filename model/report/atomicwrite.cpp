#include "atomicwrite.h"

#include <QSaveFile>

namespace netcase {

Status
writeFileAtomically(const QString &path, const DeviceWriter &write, const std::atomic<bool> &cancel)
{
    QSaveFile file(path);
    // Never fall back to writing the target in place (e.g. in a read-only directory).
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    Status written = write(file);
    if (written && cancel.load())
        written = makeError(QStringLiteral("report cancelled"), ErrorCode::Cancelled);
    if (!written) {
        file.cancelWriting();
        return written;
    }
    if (!file.commit())
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace netcase
