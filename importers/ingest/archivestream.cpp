#include "archivestream.h"

#include "ingest/archiveopen.h"
#include "ingest/expansion.h"

#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

namespace netcase {

namespace {

constexpr size_t kBlock = 64 * 1024;

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
