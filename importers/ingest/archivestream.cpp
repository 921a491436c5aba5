#include "archivestream.h"

#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <cstring>

namespace netcase {

namespace {

constexpr size_t kBlock = 64 * 1024;

struct ArchiveCloser
{
    void operator()(archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

QString archiveError(archive *a)
{
    const char *msg = archive_error_string(a);
    return msg ? QString::fromLocal8Bit(msg) : QStringLiteral("not a valid archive");
}

/// Opens path with every decompression filter, every archive format and (last resort) "raw",
/// which turns a compressed single file into one entry.
Result<ArchivePtr> openArchive(const QString &path)
{
    ArchivePtr a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_all(a.get());
    archive_read_support_format_raw(a.get());
    const QByteArray name = QFile::encodeName(path);
    if (archive_read_open_filename(a.get(), name.constData(), kBlock) != ARCHIVE_OK)
        return makeError(QStringLiteral("%1: damaged or unreadable archive (%2)")
                                 .arg(QFileInfo(path).fileName(), archiveError(a.get())));
    return a;
}

QString entryName(archive_entry *e)
{
    if (const char *u = archive_entry_pathname_utf8(e))
        return QString::fromUtf8(u);
    if (const char *n = archive_entry_pathname(e))
        return QString::fromLocal8Bit(n);
    return QString();
}

/// The name of a compressed file's content: "auth.log.gz" -> "auth.log".
QString decompressedName(const QString &path)
{
    const QString base = QFileInfo(path).fileName();
    for (const char *suffix : {".gz", ".bz2", ".xz", ".zst", ".lz4", ".z", ".Z", ".lzma"}) {
        const QString s = QString::fromLatin1(suffix);
        if (base.endsWith(s) && base.size() > s.size())
            return base.left(base.size() - s.size());
    }
    return base + QStringLiteral(" (decompressed)");
}

bool isRaw(archive *a)
{
    return archive_format(a) == ARCHIVE_FORMAT_RAW;
}

class MemberStream final : public InputStream
{
public:
    MemberStream(ArchivePtr a, std::int64_t start, std::int64_t span)
        : m_a(std::move(a))
        , m_start(start)
        , m_span(span)
    {}

    std::int64_t read(char *buffer, std::int64_t n) override
    {
        const la_ssize_t got = archive_read_data(m_a.get(), buffer, size_t(n));
        if (got < 0) {
            m_error = archiveError(m_a.get());
            return -1;
        }
        return got;
    }
    std::int64_t position() const override
    {
        return std::max<std::int64_t>(0, archive_filter_bytes(m_a.get(), -1) - m_start);
    }
    std::int64_t size() const override { return m_span; }
    QString errorString() const override { return m_error; }

private:
    ArchivePtr m_a;
    std::int64_t m_start;
    std::int64_t m_span;
    QString m_error;
};

} // namespace

ContainerKind sniffContainer(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return ContainerKind::Plain;
    const QByteArray h = f.read(512);
    auto starts = [&](const char *magic, int n) {
        return h.size() >= n && std::memcmp(h.constData(), magic, size_t(n)) == 0;
    };
    if (starts("\x1f\x8b", 2) || starts("BZh", 3)
        || starts("\xFD"
                  "7zXZ\0",
                  6)
        || starts("\x28\xB5\x2F\xFD", 4) || starts("\x04\x22\x4D\x18", 4) || starts("\x1f\x9d", 2))
        return ContainerKind::Compressed;
    if (starts("PK\x03\x04", 4) || starts("PK\x05\x06", 4) || starts("7z\xBC\xAF\x27\x1C", 6))
        return ContainerKind::Archive;
    if (h.size() >= 262 && std::memcmp(h.constData() + 257, "ustar", 5) == 0)
        return ContainerKind::Archive;
    return ContainerKind::Plain;
}

ArchiveListing listContainer(const QString &path)
{
    ArchiveListing out;
    const std::int64_t fileSize = QFileInfo(path).size();
    auto a = openArchive(path);
    if (!a) {
        out.error = a.error().message;
        return out;
    }
    archive_entry *entry = nullptr;
    std::int64_t prev = 0;
    for (;;) {
        const int r = archive_read_next_header(a->get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            out.error = QStringLiteral("%1: damaged archive (%2)")
                                .arg(QFileInfo(path).fileName(), archiveError(a->get()));
            break;
        }
        if (isRaw(a->get())) {
            // A compressed single file: one member, the whole file. Not decompressed here.
            out.members.push_back({decompressedName(path), fileSize});
            return out;
        }
        if (archive_entry_filetype(entry) != AE_IFREG) {
            archive_read_data_skip(a->get());
            continue;
        }
        const QString name = entryName(entry);
        if (archive_read_data_skip(a->get()) < ARCHIVE_WARN) {
            out.error = QStringLiteral("%1: damaged archive at '%2' (%3)")
                                .arg(QFileInfo(path).fileName(), name, archiveError(a->get()));
            break;
        }
        const std::int64_t now = archive_filter_bytes(a->get(), -1);
        out.members.push_back({name, std::max<std::int64_t>(0, now - prev)});
        prev = now;
    }
    if (!out.members.empty() && out.error.isEmpty())
        out.members.back().span += std::max<std::int64_t>(0, fileSize - prev);
    return out;
}

Result<std::unique_ptr<InputStream>> openContainerMember(const QString &path, const QString &member)
{
    auto a = openArchive(path);
    if (!a)
        return a.error();
    const std::int64_t fileSize = QFileInfo(path).size();
    archive_entry *entry = nullptr;
    std::int64_t prev = 0;
    for (;;) {
        const int r = archive_read_next_header(a->get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN)
            return makeError(QStringLiteral("%1: damaged archive (%2)")
                                     .arg(QFileInfo(path).fileName(), archiveError(a->get())));
        if (isRaw(a->get()))
            return std::unique_ptr<InputStream>(
                    std::make_unique<MemberStream>(std::move(*a), 0, fileSize));
        if (archive_entry_filetype(entry) == AE_IFREG && entryName(entry) == member) {
            const std::int64_t start = prev;
            // The member's span is unknown without reading on; the listing gave it to the
            // caller already, so report against the rest of the file.
            return std::unique_ptr<InputStream>(
                    std::make_unique<MemberStream>(std::move(*a), start, fileSize - start));
        }
        archive_read_data_skip(a->get());
        prev = archive_filter_bytes(a->get(), -1);
    }
    return makeError(QStringLiteral("%1: no member '%2'").arg(QFileInfo(path).fileName(), member));
}

} // namespace netcase
