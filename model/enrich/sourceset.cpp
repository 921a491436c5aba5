#include "sourceset.h"

#include "asnranges.h"
#include "compiledcache.h"
#include "contextlist.h"
#include "ipkey.h"
#include "mmdbreader.h"

#include "audit/chunkhash.h"
#include "core/regularfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace netcase {

struct SourceSet::Loaded
{
    std::unique_ptr<MmdbReader> mmdb;
    std::unique_ptr<AsnRanges> asn;
    std::unique_ptr<ContextList> list;
};

SourceSet::SourceSet() = default;
SourceSet::~SourceSet() = default;
SourceSet::SourceSet(SourceSet &&) noexcept = default;
SourceSet &SourceSet::operator=(SourceSet &&) noexcept = default;

QString fileSha256(const QString &path)
{
    // OpenSSL's SHA-256 (the CPU's SHA instructions): the city database alone is 63 MB, which
    // QCryptographicHash took half a second to hash at every enrichment.
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    digest::Sha256 h;
    std::string buf(size_t(1) << 20, '\0');
    for (;;) {
        const qint64 n = f.read(buf.data(), qint64(buf.size()));
        if (n < 0)
            return {};
        if (n == 0)
            break;
        h.addData(std::string_view(buf.data(), size_t(n)));
    }
    return QString::fromStdString(h.hexResult());
}

namespace {

/// The ASN table of a CSV file: taken from the compiled cache when it holds a valid table for
/// the file's bytes (the usual case: only hashing the file), else parsed from the bytes read and
/// cached under their SHA-256. sha256 is set to the hash of the bytes the table came from.
Result<std::unique_ptr<AsnRanges>> loadAsn(const QString &path, QString &sha256)
{
    if (Status s = requireRegularFile(path); !s)
        return s.error();
    auto table = std::make_unique<AsnRanges>();
    sha256 = fileSha256(path);
    if (!sha256.isEmpty() && compiledcache::read("asn", path, sha256, [&](std::string_view bytes) {
            return table->fromCompiled(bytes);
        }))
        return table;
    const auto bytes = readRegularFile(path);
    if (!bytes)
        return bytes.error();
    const std::string_view view(bytes->constData(), size_t(bytes->size()));
    digest::Sha256 h;
    h.addData(view); // the bytes parsed, should the file have changed since it was hashed
    sha256 = QString::fromStdString(h.hexResult());
    table = std::make_unique<AsnRanges>();
    if (Status st = table->parse(view, path); !st)
        return st.error();
    table->finish();
    (void)compiledcache::write("asn", path, sha256, table->compiled()); // a cache: best effort
    return table;
}

EnrichSource describe(const QString &path, const QString &kind)
{
    EnrichSource s;
    s.kind = kind;
    s.path = QFileInfo(path).absoluteFilePath();
    s.name = QFileInfo(path).fileName();
    s.loadedAt = QDateTime::currentDateTimeUtc();
    return s;
}

} // namespace

SourceSet SourceSet::load(const QList<SourceSpec> &specs)
{
    SourceSet set;
    QStringList seen;
    for (const SourceSpec &spec : specs) {
        const QString abs = QFileInfo(spec.path).absoluteFilePath();
        if (seen.contains(abs))
            continue;
        seen << abs;
        auto loaded = std::make_unique<Loaded>();
        EnrichSource s;
        if (spec.kind == SourceSpec::Kind::Mmdb) {
            auto r = MmdbReader::open(spec.path);
            if (!r) {
                set.m_refused << r.error().message;
                continue;
            }
            s = describe(spec.path, QStringLiteral("mmdb"));
            s.type = (*r)->databaseType();
            s.layout = (*r)->layout();
            s.buildDate = (*r)->buildDate();
            s.note = (*r)->capabilityNames().join(QLatin1String(", "));
            set.m_hasGeo = set.m_hasGeo || ((*r)->capabilities() & MmdbReader::Geo);
            loaded->mmdb = std::move(*r);
        } else if (spec.kind == SourceSpec::Kind::AsnCsv) {
            QString sha;
            auto loadedAsn = loadAsn(spec.path, sha);
            if (!loadedAsn) {
                set.m_refused << loadedAsn.error().message;
                continue;
            }
            auto table = std::move(*loadedAsn);
            s = describe(spec.path, QStringLiteral("asn_csv"));
            s.type = QStringLiteral("asn-range-csv");
            s.entries = qint64(table->size());
            s.buildDate = QFileInfo(spec.path).lastModified().toUTC();
            s.note = QStringLiteral("ASN; date is the file's modification time");
            if (table->skippedLines() > 0)
                s.note += QStringLiteral("; %1 unreadable lines skipped")
                                  .arg(table->skippedLines());
            s.sha256 = sha;
            loaded->asn = std::move(table);
        } else {
            auto list = ContextList::load(spec.path, spec.category);
            if (!list) {
                set.m_refused << list.error().message;
                continue;
            }
            s = describe(spec.path, QStringLiteral("list"));
            s.type = list->format();
            s.name = list->name();
            s.category = list->category();
            s.entries = qint64(list->entries());
            s.buildDate = list->date();
            s.note = list->dateFromFile() ? QStringLiteral("date is the file's modification time")
                                          : QString();
            loaded->list = std::make_unique<ContextList>(std::move(*list));
        }
        if (!loaded->asn)
            s.sha256 = fileSha256(spec.path);
        set.m_sources << s;
        set.m_loaded.push_back(std::move(loaded));
    }
    return set;
}

IpRecord SourceSet::lookup(const IpKey &key) const
{
    IpRecord rec;
    for (std::size_t i = 0; i < m_loaded.size(); ++i) {
        const Loaded &l = *m_loaded[i];
        const int index = int(i);
        if (l.mmdb) {
            if (const IpRecord *part = l.mmdb->find(key))
                mergeRecord(rec, *part, index);
        } else if (l.asn) {
            if (const AsnRanges::Range *r = l.asn->find(key)) {
                IpRecord part;
                part.asn = r->asn;
                part.asOrg = l.asn->organisation(*r);
                mergeRecord(rec, part, index);
            }
        } else if (l.list) {
            if (const ContextList::Range *r = l.list->find(key)) {
                rec.lists.push_back({l.list->name().toStdString(), l.list->category().toStdString(),
                                     l.list->label(*r), index});
                // A list's category raises the matching flag, except allow lists.
                const QString &c = l.list->category();
                IpRecord flags;
                flags.tor = c == QLatin1String("tor_exit");
                flags.vpn = c == QLatin1String("vpn");
                flags.proxy = c == QLatin1String("proxy");
                flags.hosting = c == QLatin1String("hosting");
                flags.anonymous = flags.tor || flags.vpn || flags.proxy;
                mergeRecord(rec, flags, index);
            }
        }
    }
    return rec;
}

int SourceSet::lookupErrors() const
{
    int n = 0;
    for (const auto &l : m_loaded)
        if (l->mmdb)
            n += l->mmdb->lookupErrors();
    return n;
}

} // namespace netcase
