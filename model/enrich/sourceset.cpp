#include "sourceset.h"

#include "asnranges.h"
#include "contextlist.h"
#include "ipkey.h"
#include "mmdbreader.h"

#include <QCryptographicHash>
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
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f))
        return {};
    return QString::fromLatin1(h.result().toHex());
}

namespace {

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
            auto table = std::make_unique<AsnRanges>();
            Status st = table->load(spec.path);
            if (!st) {
                set.m_refused << st.error().message;
                continue;
            }
            table->finish();
            s = describe(spec.path, QStringLiteral("asn_csv"));
            s.type = QStringLiteral("asn-range-csv");
            s.entries = qint64(table->size());
            s.buildDate = QFileInfo(spec.path).lastModified().toUTC();
            s.note = QStringLiteral("ASN; date is the file's modification time");
            if (table->skippedLines() > 0)
                s.note += QStringLiteral("; %1 unreadable lines skipped")
                                  .arg(table->skippedLines());
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
