#include "ipdetails.h"

#include "caveats.h"
#include "ipinfo.h"

#include "case/sqlite.h"

#include <QLocale>
#include <QObject>

#include <algorithm>

namespace netcase {

namespace {

constexpr int kSharedAccounts = 5;

/// The source of the first of keys the row's provenance names, 0 when none.
std::int64_t provenanceOf(const IpInfo &info, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        const auto it = info.provenance.constFind(QLatin1String(k));
        if (it != info.provenance.cend())
            return *it;
    }
    return 0;
}

QString flagsText(const IpInfo &info)
{
    const std::pair<bool, const char *> flags[] = {{info.anonymous, "anonymous"},
                                                   {info.tor, "Tor exit"},
                                                   {info.vpn, "VPN"},
                                                   {info.proxy, "proxy"},
                                                   {info.hosting, "hosting"},
                                                   {info.residentialProxy, "residential proxy"}};
    QStringList on;
    for (const auto &[set, name] : flags)
        if (set)
            on << QString::fromLatin1(name);
    return on.isEmpty() ? QStringLiteral("none raised") : on.join(QStringLiteral(", "));
}

void addFields(IpDetails &d, const IpInfo &info, const QLocale &loc)
{
    auto add
            = [&](const QString &name, const char *key, const QString &value, std::int64_t source) {
                  if (!value.isEmpty())
                      d.fields.push_back({name, QString::fromLatin1(key), value, source});
              };
    add(QObject::tr("Address class"), "address_class", info.addressClass, 0);
    const QString country
            = info.countryName.isEmpty()
                      ? info.countryIso
                      : QStringLiteral("%1 (%2)").arg(info.countryName, info.countryIso);
    add(QObject::tr("Country"), "geo.country_iso_code", country,
        provenanceOf(info, {"geo.country_iso_code", "geo.country_name"}));
    add(QObject::tr("Region"), "geo.region_name", info.region,
        provenanceOf(info, {"geo.region_name"}));
    add(QObject::tr("City"), "geo.city_name", info.city, provenanceOf(info, {"geo.city_name"}));
    if (info.latitude && info.longitude)
        add(QObject::tr("Location"), "geo.location",
            QStringLiteral("%1, %2").arg(*info.latitude, 0, 'f', 4).arg(*info.longitude, 0, 'f', 4),
            provenanceOf(info, {"geo.location"}));
    if (info.accuracyKm >= 0)
        add(QObject::tr("Accuracy radius"), "geo.accuracy_km",
            QObject::tr("%1 km").arg(loc.toString(info.accuracyKm)),
            provenanceOf(info, {"geo.accuracy_km", "geo.location"}));
    add(QObject::tr("Time zone"), "geo.timezone", info.timeZone,
        provenanceOf(info, {"geo.timezone"}));
    if (info.asn > 0)
        add(QObject::tr("AS number"), "as.number", QStringLiteral("AS%1").arg(info.asn),
            provenanceOf(info, {"as.number"}));
    add(QObject::tr("AS organisation"), "as.organization.name", info.asOrg,
        provenanceOf(info, {"as.organization.name", "as.number"}));
    add(QObject::tr("ISP"), "isp", info.isp, provenanceOf(info, {"isp", "isp.name"}));
    add(QObject::tr("Network type"), "network_type",
        info.networkTypeReason.isEmpty()
                ? info.networkType
                : QStringLiteral("%1 — %2").arg(info.networkType, info.networkTypeReason),
        provenanceOf(info, {"network_type"}));
    add(QObject::tr("Anonymity flags"), "flags", flagsText(info),
        provenanceOf(info, {"flags.anonymous", "flags.tor", "flags.vpn", "flags.proxy",
                            "flags.hosting", "flags.residential_proxy"}));
    for (const IpListHit &l : info.lists) {
        QString value = l.category;
        if (!l.label.isEmpty())
            value += QStringLiteral(": ") + l.label;
        add(QObject::tr("On list %1").arg(l.name), "list", value.isEmpty() ? l.name : value,
            l.sourceId);
    }
}

IpSourceInfo sourceInfo(const EnrichSource &s)
{
    IpSourceInfo out;
    out.id = s.id;
    out.name = s.name;
    out.kind = s.kind;
    out.type = s.type;
    out.buildDate = s.buildDateText;
    out.daysBeforeEvents = s.daysBeforeEvents;
    out.stale = s.stale;
    out.attribution = s.attribution();
    return out;
}

/// Every source the row names, then those only a field's provenance names, each with its age.
void addSources(IpDetails &d, const Database &db, const IpInfo &info)
{
    for (const EnrichSource &s : info.sources)
        d.sources.push_back(sourceInfo(s));
    std::vector<std::int64_t> more;
    for (const IpField &f : d.fields)
        if (f.sourceId && !d.source(f.sourceId)
            && std::find(more.begin(), more.end(), f.sourceId) == more.end())
            more.push_back(f.sourceId);
    if (!more.empty()) {
        const QList<EnrichSource> all = enrichmentSources(db);
        for (std::int64_t id : more) {
            const auto it = std::find_if(all.begin(), all.end(),
                                         [&](const EnrichSource &s) { return s.id == id; });
            if (it != all.end())
                d.sources.push_back(sourceInfo(*it));
        }
    }
    for (const IpSourceInfo &s : d.sources) {
        if (s.stale && s.daysBeforeEvents)
            d.caveats << caveat::builtBeforeEvents(s.name, *s.daysBeforeEvents);
        if (!s.attribution.isEmpty() && !d.attributions.contains(s.attribution))
            d.attributions << s.attribution;
    }
}

void addCaveats(IpDetails &d, const IpInfo &info, const QLocale &loc)
{
    if (info.addressClass != QLatin1String("public"))
        if (const QString cls = caveat::addressClass(info.addressClass); !cls.isEmpty())
            d.caveats << cls;
    if (info.hosting)
        d.caveats << caveat::hosting();
    if (info.tor)
        d.caveats << caveat::torExit();
    if (info.vpn || info.proxy || info.anonymous)
        d.caveats << caveat::vpnOrProxy();
    else if (info.residentialProxy)
        d.caveats << caveat::residentialProxy();
    if (info.networkType == QLatin1String("mobile"))
        d.caveats << caveat::mobileNetwork();
    if (info.accuracyKm >= 100)
        d.caveats << caveat::coarseLocation(loc.toString(info.accuracyKm));
    if (!info.latitude && info.addressClass == QLatin1String("public"))
        d.caveats << caveat::noLocationEntry();
}

} // namespace

const IpSourceInfo *IpDetails::source(std::int64_t id) const
{
    for (const IpSourceInfo &s : sources) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

IpDetails IpDetails::read(const Database &db, const QString &ip)
{
    IpDetails d;
    d.ip = ip;
    const QLocale loc;
    const std::optional<IpInfo> info = loadIpInfo(db, ip);
    if (info && info->events > 0) {
        d.events = info->events;
        d.firstUs = info->firstSeenUs;
        d.lastUs = info->lastSeenUs;
        d.accounts = info->accounts;
    }
    Statement users = db.prepare("SELECT s.s FROM (SELECT DISTINCT user FROM events WHERE "
                                 "source_ip = (SELECT id FROM ips WHERE ip = ?) AND user IS NOT "
                                 "NULL LIMIT 10) u JOIN strs s ON s.id = u.user");
    users.bind(1, ip);
    while (users.step())
        d.someAccounts << users.text(0);

    if (d.accounts >= kSharedAccounts)
        d.caveats << caveat::sharedByAccounts(loc.toString(qlonglong(d.accounts)));
    if (!info || !info->enriched) {
        d.caveats.prepend(caveat::notEnriched());
        return d;
    }
    d.enriched = true;
    addFields(d, *info, loc);
    addSources(d, db, *info);
    addCaveats(d, *info, loc);
    return d;
}

} // namespace netcase
