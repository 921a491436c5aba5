#include "ipinfo.h"

#include "addressclass.h"
#include "caveats.h"
#include "ipkey.h"

#include "case/sqlite.h"
#include "core/ipaddr.h"

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

constexpr const char *kSourceColumns
        = "id, kind, type, layout, name, path, sha256, build_date, category, entries, note, "
          "loaded_at";

EnrichSource readSource(const Statement &st)
{
    EnrichSource s;
    s.id = st.int64(0);
    s.kind = st.text(1);
    s.type = st.text(2);
    s.layout = st.text(3);
    s.name = st.text(4);
    s.path = st.text(5);
    s.sha256 = st.text(6);
    s.buildDateText = st.text(7);
    if (!st.isNull(7))
        s.buildDate = QDateTime::fromString(st.text(7), Qt::ISODate).toUTC();
    s.category = st.text(8);
    s.entries = st.isNull(9) ? -1 : st.int64(9);
    s.note = st.text(10);
    s.loadedAt = QDateTime::fromString(st.text(11), Qt::ISODate).toUTC();
    return s;
}

qint64 lastEventUs(const Database &db)
{
    return db.scalar("SELECT max(ts) FROM events", -1);
}

constexpr const char *kInfoColumns
        = "i.run_id, r.started_at, i.address_class, i.country_iso, i.country_name, i.region, "
          "i.city, i.latitude, i.longitude, i.accuracy_km, i.time_zone, i.asn, i.as_org, i.isp, "
          "i.network_type, i.network_type_reason, i.is_anonymous, i.is_tor, i.is_vpn, "
          "i.is_proxy, i.is_hosting, i.is_residential_proxy, i.lists, i.provenance, i.sources, "
          "r.sources";

void readInfo(const Statement &st, IpInfo &info, const QMap<qint64, EnrichSource> &byId)
{
    info.enriched = true;
    info.runId = st.int64(0);
    info.enrichedAt = st.text(1);
    info.addressClass = st.text(2);
    info.countryIso = st.text(3);
    info.countryName = st.text(4);
    info.region = st.text(5);
    info.city = st.text(6);
    if (!st.isNull(7) && !st.isNull(8)) {
        info.latitude = st.real(7);
        info.longitude = st.real(8);
    }
    info.accuracyKm = st.isNull(9) ? -1 : int(st.int64(9));
    info.timeZone = st.text(10);
    info.asn = st.isNull(11) ? -1 : st.int64(11);
    info.asOrg = st.text(12);
    info.isp = st.text(13);
    info.networkType = st.text(14);
    info.networkTypeReason = st.text(15);
    info.anonymous = st.int64(16) != 0;
    info.tor = st.int64(17) != 0;
    info.vpn = st.int64(18) != 0;
    info.proxy = st.int64(19) != 0;
    info.hosting = st.int64(20) != 0;
    info.residentialProxy = st.int64(21) != 0;
    const auto lists = nlohmann::json::parse(st.textView(22), nullptr, false);
    if (lists.is_array()) {
        for (const auto &l : lists) {
            if (!l.is_object())
                continue;
            IpListHit h;
            h.name = QString::fromStdString(l.value("name", std::string()));
            h.category = QString::fromStdString(l.value("category", std::string()));
            h.label = QString::fromStdString(l.value("label", std::string()));
            h.sourceId = l.value("source", qint64(0));
            info.lists << h;
        }
    }
    const auto prov = nlohmann::json::parse(st.textView(23), nullptr, false);
    if (prov.is_object()) {
        for (auto it = prov.begin(); it != prov.end(); ++it)
            if (it->is_number_integer())
                info.provenance.insert(QString::fromStdString(it.key()), it->get<qint64>());
    }
    const auto used = nlohmann::json::parse(st.textView(24), nullptr, false);
    if (used.is_array()) {
        for (const auto &id : used)
            if (id.is_number_integer() && byId.contains(id.get<qint64>()))
                info.sources << byId.value(id.get<qint64>());
    }
    const auto runSources = nlohmann::json::parse(st.textView(25), nullptr, false);
    if (runSources.is_array()) {
        for (const auto &id : runSources)
            if (id.is_number_integer()
                && byId.value(id.get<qint64>()).note.contains(QLatin1String("geolocation")))
                info.runHadGeolocation = true;
    }
}

QMap<qint64, EnrichSource> sourcesById(const Database &db)
{
    QMap<qint64, EnrichSource> out;
    for (const EnrichSource &s : enrichmentSources(db))
        out.insert(s.id, s);
    return out;
}

void readPresence(const Database &db, qint64 ipId, IpInfo &info)
{
    // The address's posting list in the event store answers all of this.
    Statement st = db.prepare("SELECT count(*), min(ts), max(ts), count(DISTINCT user), "
                              "coalesce(sum(outcome = 2), 0) FROM events WHERE source_ip = ?");
    st.bind(1, std::int64_t(ipId));
    if (st.step() && st.int64(0) > 0) {
        info.events = st.int64(0);
        info.firstSeenUs = st.int64(1);
        info.lastSeenUs = st.int64(2);
        info.accounts = st.int64(3);
        info.failures = st.int64(4);
    }
}

std::optional<std::string> canonical(const QString &ip)
{
    std::string canon;
    if (!normaliseIp(ip.trimmed().toStdString(), canon))
        return std::nullopt;
    return canon;
}

} // namespace

const EnrichSource *IpInfo::sourceFor(const QString &field) const
{
    const auto it = provenance.constFind(field);
    if (it == provenance.cend())
        return nullptr;
    for (const EnrichSource &s : sources)
        if (s.id == *it)
            return &s;
    return nullptr;
}

std::optional<IpInfo> loadIpInfo(const Database &db, const QString &ip)
{
    const auto canon = canonical(ip);
    if (!canon)
        return std::nullopt;
    IpInfo info;
    info.ip = QString::fromStdString(*canon);
    qint64 ipId = -1;
    {
        Statement st = db.prepare("SELECT id FROM ips WHERE ip = ?");
        st.bind(1, std::string_view(*canon));
        if (st.step())
            ipId = st.int64(0);
    }
    if (ipId >= 0) {
        Statement st = db.prepare(std::string("SELECT ") + kInfoColumns
                                  + " FROM ip_info i LEFT JOIN enrich_runs r ON r.id = i.run_id "
                                    "WHERE i.ip_id = ? AND i.current = 1 ORDER BY i.id DESC "
                                    "LIMIT 1");
        st.bind(1, std::int64_t(ipId));
        if (st.step())
            readInfo(st, info, sourcesById(db));
        readPresence(db, ipId, info);
    }
    if (!info.enriched) {
        // Not enriched yet: the address class needs no database.
        std::array<std::uint8_t, 16> b;
        bool v4 = false;
        if (parseIpBytes(*canon, b, v4)) {
            IpKey key = IpKey::fromBytes(b);
            info.addressClass = addressClass(key, !v4);
        }
    }
    return info;
}

QList<IpInfo> loadIpInfoHistory(const Database &db, const QString &ip)
{
    QList<IpInfo> out;
    const auto canon = canonical(ip);
    if (!canon)
        return out;
    const auto byId = sourcesById(db);
    Statement st = db.prepare(std::string("SELECT ") + kInfoColumns
                              + " FROM ip_info i JOIN enrich_runs r ON r.id = i.run_id "
                                "JOIN ips ON ips.id = i.ip_id WHERE ips.ip = ? AND "
                                "i.current = 0 ORDER BY i.id DESC");
    st.bind(1, std::string_view(*canon));
    while (st.step()) {
        IpInfo info;
        info.ip = QString::fromStdString(*canon);
        readInfo(st, info, byId);
        out << info;
    }
    return out;
}

QList<EnrichSource> enrichmentSources(const Database &db)
{
    QList<EnrichSource> out;
    const qint64 last = lastEventUs(db);
    Statement st = db.prepare(std::string("SELECT ") + kSourceColumns
                              + " FROM enrich_sources ORDER BY id");
    while (st.step()) {
        EnrichSource s = readSource(st);
        judgeStaleness(s, last);
        out << s;
    }
    return out;
}

bool caseHasGeolocation(const Database &db)
{
    return db.scalar("SELECT count(*) FROM ip_info WHERE current = 1 AND (country_iso IS NOT "
                     "NULL OR latitude IS NOT NULL)")
           > 0;
}

QString locationText(const IpInfo &info)
{
    QStringList parts;
    if (!info.city.isEmpty())
        parts << info.city;
    if (!info.region.isEmpty() && info.region != info.city)
        parts << info.region;
    if (!info.countryName.isEmpty())
        parts << (info.countryIso.isEmpty()
                          ? info.countryName
                          : QStringLiteral("%1 (%2)").arg(info.countryName, info.countryIso));
    else if (!info.countryIso.isEmpty())
        parts << info.countryIso;
    QString t = parts.join(QLatin1String(", "));
    if (!t.isEmpty() && info.accuracyKm >= 0)
        t += QStringLiteral(" ±%1 km").arg(info.accuracyKm);
    return t;
}

QString asText(const IpInfo &info)
{
    if (info.asn < 0)
        return info.asOrg;
    return info.asOrg.isEmpty() ? QStringLiteral("AS%1").arg(info.asn)
                                : QStringLiteral("AS%1 %2").arg(info.asn).arg(info.asOrg);
}

QStringList flagNames(const IpInfo &info)
{
    QStringList out;
    if (info.tor)
        out << QStringLiteral("tor");
    if (info.vpn)
        out << QStringLiteral("vpn");
    if (info.proxy)
        out << QStringLiteral("proxy");
    if (info.residentialProxy)
        out << QStringLiteral("residential proxy");
    if (info.hosting)
        out << QStringLiteral("hosting");
    if (info.anonymous && out.isEmpty())
        out << QStringLiteral("anonymous");
    for (const IpListHit &h : info.lists)
        out << QStringLiteral("list %1").arg(h.name);
    return out;
}

QStringList ipCaveats(const IpInfo &info)
{
    QStringList out;
    const QString cls = caveat::addressClass(info.addressClass);
    if (!cls.isEmpty())
        out << cls;
    if (!info.enriched)
        out << caveat::notEnriched();
    if (info.tor)
        out << caveat::torExit();
    if (info.vpn || info.proxy)
        out << caveat::vpnOrProxy();
    if (info.residentialProxy)
        out << caveat::residentialProxy();
    if (info.hosting || info.networkType == QLatin1String("hosting"))
        out << caveat::hosting();
    if (info.networkType == QLatin1String("mobile"))
        out << caveat::mobileNetwork();
    if (info.networkTypeReason.startsWith(QLatin1String("guess")))
        out << caveat::networkTypeGuess(info.networkTypeReason);
    if (info.enriched && !info.hasGeo() && info.addressClass == QLatin1String("public"))
        out << (info.runHadGeolocation ? caveat::noLocationEntry() : caveat::noGeolocation());
    if (info.accuracyKm >= 100)
        out << caveat::coarseLocation(QString::number(info.accuracyKm));
    for (const EnrichSource &s : info.sources)
        if (s.stale)
            out << s.staleness;
    return out;
}

} // namespace netcase
