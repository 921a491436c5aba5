#include "archiveopen.h"

#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <cstring>

namespace netcase {

void ArchiveCloser::operator()(archive *a) const
{
    archive_read_free(a);
}

QString archiveError(archive *a)
{
    const char *msg = archive_error_string(a);
    return msg ? QString::fromLocal8Bit(msg) : QStringLiteral("not a valid archive");
}

QString shownName(const QString &path)
{
    return QFileInfo(path).fileName();
}

namespace {

constexpr size_t kBlock = 64 * 1024; // libarchive read size
constexpr int kTarBlock = 512;

enum class Filter { None, Gzip, Bzip2, Xz, Zstd, Lz4, Compress };
enum class Format { Raw, Tar, Zip, SevenZip };

struct Sniffed
{
    ContainerKind kind = ContainerKind::Plain;
    Filter filter = Filter::None;
    Format format = Format::Raw;
};

Sniffed sniff(const QString &path)
{
    // A FIFO or device would block the open; inputs.cpp refuses those before, this is a backstop.
    if (!QFileInfo(path).isFile())
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray h = f.read(kTarBlock);
    auto starts = [&](const char *magic, int n) {
        return h.size() >= n && std::memcmp(h.constData(), magic, size_t(n)) == 0;
    };
    const auto compressed = [](Filter fl) {
        return Sniffed{ContainerKind::Compressed, fl};
    };
    const auto archived = [](Format fm) {
        return Sniffed{ContainerKind::Archive, {}, fm};
    };
    if (starts("\x1f\x8b", 2))
        return compressed(Filter::Gzip);
    if (starts("BZh", 3))
        return compressed(Filter::Bzip2);
    if (starts("\xFD"
               "7zXZ\0",
               6))
        return compressed(Filter::Xz);
    if (starts("\x28\xB5\x2F\xFD", 4))
        return compressed(Filter::Zstd);
    if (starts("\x04\x22\x4D\x18", 4))
        return compressed(Filter::Lz4);
    if (starts("\x1f\x9d", 2))
        return compressed(Filter::Compress);
    if (starts("PK\x03\x04", 4) || starts("PK\x05\x06", 4))
        return archived(Format::Zip);
    if (starts("7z\xBC\xAF\x27\x1C", 6))
        return archived(Format::SevenZip);
    if (h.size() >= 262 && std::memcmp(h.constData() + 257, "ustar", 5) == 0)
        return archived(Format::Tar);
    return {};
}

void enableFilter(archive *a, Filter f)
{
    switch (f) {
    case Filter::None:
        break;
    case Filter::Gzip:
        archive_read_support_filter_gzip(a);
        break;
    case Filter::Bzip2:
        archive_read_support_filter_bzip2(a);
        break;
    case Filter::Xz:
        archive_read_support_filter_xz(a);
        break;
    case Filter::Zstd:
        archive_read_support_filter_zstd(a);
        break;
    case Filter::Lz4:
        archive_read_support_filter_lz4(a);
        break;
    case Filter::Compress:
        archive_read_support_filter_compress(a);
        break;
    }
}

void enableFormat(archive *a, Format f)
{
    switch (f) {
    case Format::Raw:
        archive_read_support_format_raw(a);
        break;
    case Format::Tar:
        archive_read_support_format_tar(a);
        break;
    case Format::Zip:
        archive_read_support_format_zip(a);
        break;
    case Format::SevenZip:
        archive_read_support_format_7zip(a);
        break;
    }
}

Result<ArchivePtr> openWith(const QString &path, Filter filter, Format format)
{
    ArchivePtr a(archive_read_new());
    enableFilter(a.get(), filter);
    enableFormat(a.get(), format);
    const QByteArray name = QFile::encodeName(path);
    if (archive_read_open_filename(a.get(), name.constData(), kBlock) != ARCHIVE_OK)
        return makeError(QStringLiteral("%1: damaged or unreadable archive (%2)")
                                 .arg(shownName(path), archiveError(a.get())));
    return a;
}

/// A tar header block: its checksum (the byte sum with the checksum field as spaces) matches.
/// A block of zeros (a log that starts with NULs) is not one, whatever tar readers make of it.
bool isTarHeader(const unsigned char *h)
{
    if (h[0] == 0)
        return false;
    unsigned sum = 0;
    for (int i = 0; i < kTarBlock; ++i)
        sum += (i >= 148 && i < 156) ? unsigned(' ') : h[i];
    unsigned stored = 0;
    int i = 148;
    while (i < 156 && h[i] == ' ')
        ++i;
    if (i == 156 || h[i] < '0' || h[i] > '7')
        return false;
    for (; i < 156 && h[i] >= '0' && h[i] <= '7'; ++i)
        stored = stored * 8 + unsigned(h[i] - '0');
    return stored == sum;
}

/// What a compressed file holds: a tar (its members are imported) or anything else, which is
/// one member whatever its content looks like. Decided from the first decompressed block only.
Result<Format> innerFormat(const QString &path, Filter filter)
{
    auto a = openWith(path, filter, Format::Raw);
    if (!a)
        return a.error();
    archive_entry *entry = nullptr;
    if (archive_read_next_header(a->get(), &entry) < ARCHIVE_WARN)
        return makeError(QStringLiteral("%1: damaged archive (%2)")
                                 .arg(shownName(path), archiveError(a->get())));
    unsigned char block[kTarBlock];
    size_t got = 0;
    while (got < sizeof block) {
        const la_ssize_t n = archive_read_data(a->get(), block + got, sizeof block - got);
        if (n <= 0)
            break; // a short or damaged stream is not a tar; reading it reports the damage
        got += size_t(n);
    }
    return got == sizeof block && isTarHeader(block) ? Format::Tar : Format::Raw;
}

} // namespace

Result<ArchivePtr> openArchive(const QString &path)
{
    const Sniffed s = sniff(path);
    if (s.kind == ContainerKind::Plain)
        return makeError(QStringLiteral("%1: not an archive").arg(shownName(path)));
    Format format = s.format;
    if (s.kind == ContainerKind::Compressed) {
        auto inner = innerFormat(path, s.filter);
        if (!inner)
            return inner.error();
        format = *inner;
    }
    return openWith(path, s.filter, format);
}

ContainerKind sniffContainer(const QString &path)
{
    return sniff(path).kind;
}

} // namespace netcase
