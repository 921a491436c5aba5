#include "archivestream.h"

#include "ingest/expansion.h"

#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <cstring>

namespace netcase {

namespace {

constexpr size_t kBlock = 64 * 1024;
constexpr int kTarBlock = 512;

struct ArchiveCloser
{
    void operator()(archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

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

QString archiveError(archive *a)
{
    const char *msg = archive_error_string(a);
    return msg ? QString::fromLocal8Bit(msg) : QStringLiteral("not a valid archive");
}

QString shownName(const QString &path)
{
    return QFileInfo(path).fileName();
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
    const QString base = shownName(path);
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

/// Passes over the current entry's data. Only a plain tar or a zip can seek past it; a
/// compressed tar or a 7z decompresses it all the same, so that is metered and cancellable.
Status skipData(archive *a, ExpansionMeter &meter, const QString &shown)
{
    const bool seeks = archive_filter_count(a) <= 1
                       && (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) != ARCHIVE_FORMAT_7ZIP;
    if (seeks) {
        if (archive_read_data_skip(a) < ARCHIVE_WARN)
            return makeError(
                    QStringLiteral("%1: damaged archive (%2)").arg(shown, archiveError(a)));
        return {};
    }
    std::vector<char> buffer(kBlock);
    for (;;) {
        const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
        if (n < 0)
            return makeError(
                    QStringLiteral("%1: damaged archive (%2)").arg(shown, archiveError(a)));
        if (n == 0)
            return {};
        if (Status s = meter.add(archive_filter_bytes(a, -1), n); !s)
            return s;
    }
}

class MemberStream final : public InputStream
{
public:
    MemberStream(ArchivePtr a,
                 std::int64_t start,
                 std::int64_t span,
                 ExpansionBudget *budget,
                 const QString &shown)
        : m_a(std::move(a))
        , m_start(start)
        , m_span(span)
        , m_meter(budget ? *budget : m_ownBudget, shown)
    {}

    std::int64_t read(char *buffer, std::int64_t n) override
    {
        if (!m_error.isEmpty())
            return -1;
        const la_ssize_t got = archive_read_data(m_a.get(), buffer, size_t(n));
        if (got < 0) {
            m_error = archiveError(m_a.get());
            return -1;
        }
        if (Status s = m_meter.add(archive_filter_bytes(m_a.get(), -1) - m_start, got); !s) {
            m_error = s.error().message;
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
    ExpansionBudget m_ownBudget; // default limits when the caller gives none
    ExpansionMeter m_meter;
    QString m_error;
};

} // namespace

ContainerKind sniffContainer(const QString &path)
{
    return sniff(path).kind;
}

ArchiveListing listContainer(const QString &path, const ExpansionBudget *budget)
{
    ArchiveListing out;
    const QString shown = shownName(path);
    const std::int64_t fileSize = QFileInfo(path).size();
    auto a = openArchive(path);
    if (!a) {
        out.error = a.error().message;
        return out;
    }
    ExpansionBudget listing;
    if (budget)
        listing.copyLimits(*budget);
    ExpansionMeter meter(listing, shown);
    archive_entry *entry = nullptr;
    std::int64_t prev = 0;
    for (;;) {
        const int r = archive_read_next_header(a->get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN) {
            out.error
                    = QStringLiteral("%1: damaged archive (%2)").arg(shown, archiveError(a->get()));
            break;
        }
        if (isRaw(a->get())) {
            // A compressed single file: one member, the whole file. Not decompressed here.
            out.members.push_back({decompressedName(path), fileSize});
            return out;
        }
        const bool regular = archive_entry_filetype(entry) == AE_IFREG;
        const QString name = entryName(entry);
        if (Status s = skipData(a->get(), meter, shown); !s) {
            out.error = s.error().message;
            out.cancelled = s.error().code == ErrorCode::Cancelled;
            break;
        }
        if (!regular)
            continue;
        const std::int64_t now = archive_filter_bytes(a->get(), -1);
        out.members.push_back({name, std::max<std::int64_t>(0, now - prev)});
        prev = now;
    }
    if (!out.members.empty() && out.error.isEmpty())
        out.members.back().span += std::max<std::int64_t>(0, fileSize - prev);
    return out;
}

Result<std::unique_ptr<InputStream>>
openContainerMember(const QString &path, const QString &member, ExpansionBudget *budget)
{
    const QString shown = shownName(path);
    auto a = openArchive(path);
    if (!a)
        return a.error();
    const std::int64_t fileSize = QFileInfo(path).size();
    // Skipping to the member is bounded like listing, not counted against the import.
    ExpansionBudget skipping;
    if (budget)
        skipping.copyLimits(*budget);
    ExpansionMeter meter(skipping, shown);
    archive_entry *entry = nullptr;
    std::int64_t prev = 0;
    for (;;) {
        const int r = archive_read_next_header(a->get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN)
            return makeError(
                    QStringLiteral("%1: damaged archive (%2)").arg(shown, archiveError(a->get())));
        if (isRaw(a->get()))
            return std::unique_ptr<InputStream>(
                    std::make_unique<MemberStream>(std::move(*a), 0, fileSize, budget, shown));
        if (archive_entry_filetype(entry) == AE_IFREG && entryName(entry) == member) {
            const std::int64_t start = prev;
            // The member's span is unknown without reading on; the listing gave it to the
            // caller already, so report against the rest of the file.
            return std::unique_ptr<InputStream>(
                    std::make_unique<MemberStream>(std::move(*a), start, fileSize - start, budget,
                                                   shown + QLatin1Char(':') + member));
        }
        if (Status s = skipData(a->get(), meter, shown); !s)
            return s.error();
        prev = archive_filter_bytes(a->get(), -1);
    }
    return makeError(QStringLiteral("%1: no member '%2'").arg(shown, member));
}

} // namespace netcase
