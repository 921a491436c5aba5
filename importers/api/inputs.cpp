#include "inputs.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace netcase {

QString InputItem::displayName() const
{
    const QString base = QFileInfo(path).fileName();
    return member.isEmpty() ? base : base + QLatin1Char(':') + member;
}

Result<std::vector<InputItem>> expandInputs(const QStringList &paths)
{
    std::vector<InputItem> items;
    for (const QString &p : paths) {
        const QFileInfo fi(p);
        if (!fi.exists())
            return makeError(QStringLiteral("%1: no such file or folder").arg(p));
        if (fi.isDir()) {
            QStringList files;
            QDirIterator it(p, QDir::Files | QDir::Readable | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
            std::sort(files.begin(), files.end());
            for (const QString &f : files)
                items.push_back({f, QString(), QFileInfo(f).size()});
            continue;
        }
        if (!fi.isReadable())
            return makeError(QStringLiteral("%1: permission denied").arg(p));
        items.push_back({fi.filePath(), QString(), fi.size()});
    }
    return items;
}

Result<std::unique_ptr<InputStream>> openInput(const InputItem &item)
{
    return openFileStream(item.path);
}

} // namespace netcase
