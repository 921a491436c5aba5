#include "inputs.h"

#include "ingest/archivestream.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace netcase {

namespace {

/// A file becomes one item, or one item per member when it is an archive or compressed. A
/// damaged container still becomes an item (with no member), so that opening it reports the
/// damage for that source while the rest of the import goes on.
void addFile(std::vector<InputItem> &items, const QString &path, std::int64_t size)
{
    if (sniffContainer(path) == ContainerKind::Plain) {
        items.push_back({path, QString(), size});
        return;
    }
    const ArchiveListing listing = listContainer(path);
    for (const ArchiveMember &m : listing.members)
        items.push_back({path, m.name, m.span});
    if (!listing.error.isEmpty() || listing.members.empty())
        items.push_back({path, QString(), listing.members.empty() ? size : 0});
}

} // namespace

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
                addFile(items, f, QFileInfo(f).size());
            continue;
        }
        if (!fi.isReadable())
            return makeError(QStringLiteral("%1: permission denied").arg(p));
        addFile(items, fi.filePath(), fi.size());
    }
    return items;
}

Result<std::unique_ptr<InputStream>> openInput(const InputItem &item)
{
    if (!item.member.isEmpty())
        return openContainerMember(item.path, item.member);
    if (sniffContainer(item.path) != ContainerKind::Plain) {
        // Only a damaged or empty container is listed without a member: say which.
        const ArchiveListing listing = listContainer(item.path);
        if (!listing.error.isEmpty())
            return makeError(listing.error);
        return makeError(QStringLiteral("%1: the archive holds no files")
                                 .arg(QFileInfo(item.path).fileName()));
    }
    return openFileStream(item.path);
}

Result<std::string> readSample(const InputItem &item)
{
    auto in = openInput(item);
    if (!in)
        return in.error();
    std::string sample(size_t(kSampleBytes), '\0');
    std::int64_t got = 0;
    while (got < kSampleBytes) {
        const std::int64_t n = (*in)->read(sample.data() + got, kSampleBytes - got);
        if (n < 0)
            return makeError(QStringLiteral("%1: read error (%2)")
                                     .arg(item.displayName(), (*in)->errorString()));
        if (n == 0)
            break;
        got += n;
    }
    sample.resize(size_t(got));
    return sample;
}

} // namespace netcase
