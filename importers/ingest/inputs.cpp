#include "inputs.h"

#include "api/utf16stream.h"
#include "core/regularfile.h"
#include "ingest/archivestream.h"
#include "ingest/expansion.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

namespace netcase {

namespace {

Error cancelled()
{
    return makeError(QStringLiteral("import cancelled"), ErrorCode::Cancelled);
}

/// A file becomes one item, or one item per member when it is an archive or compressed. A
/// damaged container still becomes an item (with no member), so that opening it reports the
/// damage for that source while the rest of the import goes on.
Status addFile(std::vector<InputItem> &items,
               const QString &path,
               std::int64_t size,
               const ExpansionBudget *budget)
{
    if (sniffContainer(path) == ContainerKind::Plain) {
        items.push_back({path, QString(), size});
        return {};
    }
    const ArchiveListing listing = listContainer(path, budget);
    if (listing.cancelled)
        return cancelled();
    for (const ArchiveMember &m : listing.members)
        items.push_back({path, m.name, m.span});
    if (!listing.error.isEmpty() || listing.members.empty())
        items.push_back({path, QString(), listing.members.empty() ? size : 0});
    return {};
}

/// Where a folder entry really is, when it is a link that leads out of the folder; empty when
/// it stays inside (or is no link). A dangling link leads nowhere, which is outside too.
QString linkOutside(const QFileInfo &fi, const QString &root)
{
    if (!fi.isSymLink())
        return {};
    const QString target = fi.canonicalFilePath();
    if (!target.isEmpty() && target.startsWith(root + QLatin1Char('/')))
        return {};
    return target.isEmpty() ? fi.symLinkTarget() : target;
}

Status addFolder(ExpandedInputs &out, const QString &folder, const ExpandOptions &options)
{
    const QString root = QFileInfo(folder).canonicalFilePath();
    QStringList files;
    // QDir::Files without QDir::System leaves out FIFOs, sockets and devices; links to folders
    // are not descended. Unreadable files are kept: they fail when opened and are reported as
    // not imported, instead of vanishing from the import.
    QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    std::sort(files.begin(), files.end());
    for (const QString &f : files) {
        if (options.budget && options.budget->cancel && options.budget->cancel->load())
            return cancelled();
        const QFileInfo fi(f);
        const QString outside = linkOutside(fi, root);
        if (!outside.isEmpty() && !options.followLinks) {
            out.skipped << QStringLiteral("%1: a link to %2, outside the folder; skipped "
                                          "(--follow-links imports it)")
                                   .arg(f, outside);
            continue;
        }
        if (Status s = requireRegularFile(f); !s) {
            out.skipped << s.error().message;
            continue;
        }
        if (Status s = addFile(out.items, f, fi.size(), options.budget); !s)
            return s;
    }
    return {};
}

} // namespace

QString InputItem::displayName() const
{
    const QString base = QFileInfo(path).fileName();
    return member.isEmpty() ? base : base + QLatin1Char(':') + member;
}

Result<ExpandedInputs> expandInputs(const QStringList &paths, const ExpandOptions &options)
{
    ExpandedInputs out;
    for (const QString &p : paths) {
        if (Status s = requireRegularFile(p, true); !s)
            return s.error();
        const QFileInfo fi(p);
        if (fi.isDir()) {
            if (Status s = addFolder(out, p, options); !s)
                return s.error();
            continue;
        }
        if (!fi.isReadable())
            return makeError(QStringLiteral("%1: permission denied").arg(p));
        if (Status s = addFile(out.items, fi.filePath(), fi.size(), options.budget); !s)
            return s.error();
    }
    return out;
}

Result<std::vector<InputItem>> expandInputs(const QStringList &paths)
{
    auto expanded = expandInputs(paths, ExpandOptions{});
    if (!expanded)
        return expanded.error();
    return std::move(expanded->items);
}

Result<std::unique_ptr<InputStream>> openInput(const InputItem &item, ExpansionBudget *budget)
{
    if (!item.member.isEmpty())
        return openContainerMember(item.path, item.member, budget);
    if (sniffContainer(item.path) != ContainerKind::Plain) {
        // Only a damaged or empty container is listed without a member: say which.
        const ArchiveListing listing = listContainer(item.path, budget);
        if (!listing.error.isEmpty())
            return makeError(listing.error);
        return makeError(QStringLiteral("%1: the archive holds no files")
                                 .arg(QFileInfo(item.path).fileName()));
    }
    return openFileStream(item.path);
}

Result<std::string> readSample(const InputItem &item, ExpansionBudget *budget)
{
    auto in = openInput(item, budget);
    if (!in)
        return in.error();
    Utf16DecodingStream decoded(**in); // detection sees UTF-16 files as UTF-8, as parsers do
    std::string sample(size_t(kSampleBytes), '\0');
    std::int64_t got = 0;
    while (got < kSampleBytes) {
        const std::int64_t n = decoded.read(sample.data() + got, kSampleBytes - got);
        if (n < 0)
            return makeError(QStringLiteral("%1: read error (%2)")
                                     .arg(item.displayName(), decoded.errorString()));
        if (n == 0)
            break;
        got += n;
    }
    sample.resize(size_t(got));
    return sample;
}

} // namespace netcase
