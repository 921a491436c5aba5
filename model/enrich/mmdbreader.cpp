#include "mmdbreader.h"

#include "core/filesnapshot.h"
#include "core/regularfile.h"
#include "ipkey.h"
#include "mmdbdecode.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <maxminddb.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <unordered_map>
#include <vector>

namespace netcase {

namespace {

// How many data records the opening probe decodes and how many tree nodes it may visit: enough
// to see every field of a real database, bounded so opening stays instant.
constexpr int kProbeRecords = 64;
constexpr int kProbeNodes = 200000;

QString tr(const char *text)
{
    return QCoreApplication::translate("netcase::MmdbReader", text);
}

} // namespace

struct MmdbReader::Impl
{
    MMDB_s mmdb{};
    bool opened = false;
    bool residentialProxyDb = false;
    std::unordered_map<std::uint32_t, IpRecord> cache;
    std::unordered_map<std::uint32_t, bool> bad;

    ~Impl()
    {
        if (opened)
            MMDB_close(&mmdb);
    }
};

MmdbReader::MmdbReader()
    : d(std::make_unique<Impl>())
{}
MmdbReader::~MmdbReader() = default;

namespace {

struct Probe
{
    unsigned caps = 0;
    unsigned layout = 0;
    int records = 0;
    QString error;
};

// Walks the search tree depth first, decoding the first records it reaches. A corrupt tree or
// data section shows up here (libmaxminddb reports invalid node numbers and data errors).
Probe probe(MMDB_s &mmdb)
{
    Probe p;
    std::vector<std::uint32_t> stack{0};
    std::unordered_map<std::uint32_t, bool> seen;
    int visited = 0;
    auto visitRecord = [&](std::uint8_t type, std::uint64_t value, MMDB_entry_s entry) {
        if (type == MMDB_RECORD_TYPE_SEARCH_NODE) {
            stack.push_back(std::uint32_t(value));
        } else if (type == MMDB_RECORD_TYPE_INVALID) {
            p.error = tr("the search tree points outside the file");
        } else if (type == MMDB_RECORD_TYPE_DATA && !seen.count(entry.offset)) {
            seen[entry.offset] = true;
            MMDB_entry_data_list_s *list = nullptr;
            const int rc = MMDB_get_entry_data_list(&entry, &list);
            if (rc != MMDB_SUCCESS) {
                p.error = QString::fromUtf8(MMDB_strerror(rc));
            } else {
                IpRecord rec;
                const DecodeResult r = decodeEntry(list, rec);
                if (!r.ok)
                    p.error = tr("a data record is malformed");
                p.caps |= r.caps;
                p.layout |= r.layout;
                ++p.records;
            }
            MMDB_free_entry_data_list(list);
        }
    };
    while (!stack.empty() && p.error.isEmpty() && p.records < kProbeRecords
           && visited < kProbeNodes) {
        const std::uint32_t n = stack.back();
        stack.pop_back();
        ++visited;
        MMDB_search_node_s node;
        const int rc = MMDB_read_node(&mmdb, n, &node);
        if (rc != MMDB_SUCCESS) {
            p.error = QString::fromUtf8(MMDB_strerror(rc));
            break;
        }
        // Right first so the left (lower) half is explored first.
        visitRecord(node.right_record_type, node.right_record, node.right_record_entry);
        visitRecord(node.left_record_type, node.left_record, node.left_record_entry);
    }
    return p;
}

} // namespace

Result<std::unique_ptr<MmdbReader>> MmdbReader::open(const QString &path)
{
    const QString shown = QFileInfo(path).fileName();
    if (!QFileInfo::exists(path))
        return makeError(tr("%1: no such database file").arg(path));
    if (Status s = requireRegularFile(path); !s)
        return s.error();
    // libmaxminddb maps the file: a database truncated or rewritten in place during a lookup
    // would kill the process with SIGBUS. It maps a sealed private copy instead (the mapping
    // keeps the copy alive after the snapshot's descriptor is closed).
    auto snapshot = FileSnapshot::take(path);
    if (!snapshot)
        return makeError(tr("%1; it was not used.").arg(snapshot.error().message));
    std::unique_ptr<MmdbReader> r(new MmdbReader);
    r->m_path = QFileInfo(path).absoluteFilePath();
    const int rc = MMDB_open(QFile::encodeName(snapshot->procPath()).constData(), MMDB_MODE_MMAP,
                             &r->d->mmdb);
    if (rc != MMDB_SUCCESS) {
        return makeError(tr("%1 is not a usable MaxMind DB file (%2); it was not used. Replace it "
                            "with a complete copy.")
                                 .arg(shown, QString::fromUtf8(MMDB_strerror(rc))));
    }
    r->d->opened = true;
    const MMDB_metadata_s &m = r->d->mmdb.metadata;
    r->m_type = QString::fromUtf8(m.database_type ? m.database_type : "");
    for (std::size_t i = 0; i < m.description.count; ++i) {
        const auto *desc = m.description.descriptions[i];
        if (desc && desc->language && qstrcmp(desc->language, "en") == 0 && desc->description)
            r->m_description = QString::fromUtf8(desc->description);
    }
    r->m_buildDate = QDateTime::fromSecsSinceEpoch(qint64(m.build_epoch), Qt::UTC);

    const Probe p = probe(r->d->mmdb);
    if (!p.error.isEmpty())
        return makeError(tr("%1 is corrupt (%2); it was not used. Replace it with a complete copy.")
                                 .arg(shown, p.error));
    r->d->residentialProxyDb
            = r->m_type.contains(QLatin1String("Residential-Proxy"), Qt::CaseInsensitive);
    r->m_caps = p.caps | (r->d->residentialProxyDb ? Anonymous : 0u);
    if (p.records == 0)
        return makeError(tr("%1 (database type '%2') holds no records; it was not used.")
                                 .arg(shown, r->m_type));
    if (r->m_caps == 0)
        return makeError(tr("%1 (database type '%2') holds none of the fields Netcase reads "
                            "(geolocation, ASN, ISP, connection type, anonymiser flags); it was "
                            "not used.")
                                 .arg(shown, r->m_type));
    r->m_layout = (p.layout & 4)   ? QStringLiteral("ipinfo")
                  : (p.layout & 2) ? QStringLiteral("flat")
                                   : QStringLiteral("geoip2");
    return r;
}

QStringList MmdbReader::capabilityNames() const
{
    QStringList out;
    if (m_caps & Geo)
        out << QStringLiteral("geolocation");
    if (m_caps & Asn)
        out << QStringLiteral("ASN");
    if (m_caps & Isp)
        out << QStringLiteral("ISP");
    if (m_caps & ConnectionType)
        out << QStringLiteral("connection type");
    if (m_caps & Anonymous)
        out << QStringLiteral("anonymiser flags");
    return out;
}

const IpRecord *MmdbReader::find(const IpKey &key)
{
    int gaiError = 0;
    int mmdbError = MMDB_SUCCESS;
    MMDB_lookup_result_s res;
    if (key.isV4()) {
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_addr.s_addr = htonl(key.v4());
        res = MMDB_lookup_sockaddr(&d->mmdb, reinterpret_cast<const sockaddr *>(&sa), &mmdbError);
    } else {
        if (d->mmdb.metadata.ip_version == 4)
            return nullptr;
        sockaddr_in6 sa{};
        sa.sin6_family = AF_INET6;
        const auto b = key.bytes();
        std::memcpy(sa.sin6_addr.s6_addr, b.data(), 16);
        res = MMDB_lookup_sockaddr(&d->mmdb, reinterpret_cast<const sockaddr *>(&sa), &mmdbError);
    }
    Q_UNUSED(gaiError);
    if (mmdbError != MMDB_SUCCESS) {
        ++m_errors;
        m_lastError = QString::fromUtf8(MMDB_strerror(mmdbError));
        return nullptr;
    }
    if (!res.found_entry)
        return nullptr;
    const std::uint32_t offset = res.entry.offset;
    if (auto it = d->cache.find(offset); it != d->cache.end())
        return &it->second;
    if (d->bad.count(offset))
        return nullptr;
    MMDB_entry_data_list_s *list = nullptr;
    const int rc = MMDB_get_entry_data_list(&res.entry, &list);
    IpRecord rec;
    DecodeResult r;
    if (rc == MMDB_SUCCESS)
        r = decodeEntry(list, rec);
    MMDB_free_entry_data_list(list);
    if (rc != MMDB_SUCCESS || !r.ok) {
        ++m_errors;
        m_lastError = rc != MMDB_SUCCESS ? QString::fromUtf8(MMDB_strerror(rc))
                                         : tr("a data record is malformed");
        d->bad[offset] = true;
        return nullptr;
    }
    if (d->residentialProxyDb) {
        // Every entry of MaxMind's Residential-Proxy database is one.
        rec.residentialProxy = true;
        rec.anonymous = true;
    }
    return &d->cache.emplace(offset, std::move(rec)).first->second;
}

} // namespace netcase
