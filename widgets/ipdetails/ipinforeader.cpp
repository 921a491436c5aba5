#include "ipinforeader.h"

#include "case/sqlite.h"

#include <nlohmann/json.hpp>

#include <QLocale>
#include <QObject>

#include <algorithm>

namespace netcase {

namespace {

using Json = nlohmann::json;

constexpr int kStaleDays = 60;
constexpr int kSharedAccounts = 5;

std::int64_t provenanceOf(const Json &prov, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        auto it = prov.find(k);
        if (it != prov.end() && it->is_number_integer())
            return it->get<std::int64_t>();
    }
    return 0;
}

QString flagNames(const Statement &st, int firstCol)
{
    static const char *names[]
            = {"anonymous", "Tor exit", "VPN", "proxy", "hosting", "residential proxy"};
    QStringList on;
    for (int i = 0; i < 6; ++i) {
        if (st.int64(firstCol + i))
            on << QString::fromLatin1(names[i]);
    }
    return on.isEmpty() ? QStringLiteral("none raised") : on.join(QStringLiteral(", "));
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
    Statement act = db.prepare("SELECT count(*), min(ts), max(ts), count(DISTINCT user) FROM "
                               "events WHERE source_ip = (SELECT id FROM ips WHERE ip = ?)");
    act.bind(1, ip);
    if (act.step()) {
        d.events = act.int64(0);
        d.firstUs = act.int64(1);
        d.lastUs = act.int64(2);
        d.accounts = act.int64(3);
    }
    Statement users = db.prepare("SELECT s.s FROM (SELECT DISTINCT user FROM events WHERE "
                                 "source_ip = (SELECT id FROM ips WHERE ip = ?) AND user IS NOT "
                                 "NULL LIMIT 10) u JOIN strs s ON s.id = u.user");
    users.bind(1, ip);
    while (users.step())
        d.someAccounts << users.text(0);

    Statement st = db.prepare(
            "SELECT address_class, country_iso, country_name, region, city, latitude, longitude, "
            "accuracy_km, time_zone, asn, as_org, isp, network_type, network_type_reason, "
            "is_anonymous, is_tor, is_vpn, is_proxy, is_hosting, is_residential_proxy, lists, "
            "provenance, sources FROM ip_info WHERE ip_id = (SELECT id FROM ips WHERE ip = ?) "
            "AND current = 1 ORDER BY id DESC LIMIT 1");
    st.bind(1, ip);
    if (d.accounts >= kSharedAccounts)
        d.caveats << QObject::tr("Shared by %1 accounts: NAT, a proxy or VPN exit, or one source "
                                 "trying many accounts. Do not treat it as one person.")
                             .arg(loc.toString(qlonglong(d.accounts)));
    if (!st.step()) {
        d.caveats.prepend(QObject::tr("Not enriched: no geolocation, network or list data for "
                                      "this address (run enrichment: netcase enrich)."));
        return d;
    }
    d.enriched = true;
    const Json prov = Json::parse(st.textView(21), nullptr, false);
    const Json provObj = prov.is_object() ? prov : Json::object();
    auto add
            = [&](const QString &name, const char *key, const QString &value, std::int64_t source) {
                  if (!value.isEmpty())
                      d.fields.push_back({name, QString::fromLatin1(key), value, source});
              };
    const QString cls = st.text(0);
    add(QObject::tr("Address class"), "address_class", cls, 0);
    const QString country = st.text(2).isEmpty()
                                    ? st.text(1)
                                    : QStringLiteral("%1 (%2)").arg(st.text(2), st.text(1));
    add(QObject::tr("Country"), "geo.country_iso_code", country,
        provenanceOf(provObj, {"geo.country_iso_code", "geo.country_name"}));
    add(QObject::tr("Region"), "geo.region_name", st.text(3),
        provenanceOf(provObj, {"geo.region_name"}));
    add(QObject::tr("City"), "geo.city_name", st.text(4), provenanceOf(provObj, {"geo.city_name"}));
    if (!st.isNull(5) && !st.isNull(6))
        add(QObject::tr("Location"), "geo.location",
            QStringLiteral("%1, %2").arg(st.real(5), 0, 'f', 4).arg(st.real(6), 0, 'f', 4),
            provenanceOf(provObj, {"geo.location"}));
    const std::int64_t accuracy = st.isNull(7) ? -1 : st.int64(7);
    if (accuracy >= 0)
        add(QObject::tr("Accuracy radius"), "geo.accuracy_km",
            QObject::tr("%1 km").arg(loc.toString(qlonglong(accuracy))),
            provenanceOf(provObj, {"geo.accuracy_km", "geo.location"}));
    add(QObject::tr("Time zone"), "geo.timezone", st.text(8),
        provenanceOf(provObj, {"geo.timezone"}));
    if (!st.isNull(9) && st.int64(9) > 0)
        add(QObject::tr("AS number"), "as.number", QStringLiteral("AS%1").arg(st.int64(9)),
            provenanceOf(provObj, {"as.number"}));
    add(QObject::tr("AS organisation"), "as.organization.name", st.text(10),
        provenanceOf(provObj, {"as.organization.name", "as.number"}));
    add(QObject::tr("ISP"), "isp", st.text(11), provenanceOf(provObj, {"isp", "isp.name"}));
    const QString nt = st.text(12);
    add(QObject::tr("Network type"), "network_type",
        st.text(13).isEmpty() ? nt : QStringLiteral("%1 — %2").arg(nt, st.text(13)),
        provenanceOf(provObj, {"network_type"}));
    const std::int64_t flagSource
            = provenanceOf(provObj, {"flags.anonymous", "flags.tor", "flags.vpn", "flags.proxy",
                                     "flags.hosting", "flags.residential_proxy"});
    add(QObject::tr("Anonymity flags"), "flags", flagNames(st, 14), flagSource);
    const Json lists = Json::parse(st.textView(20), nullptr, false);
    if (lists.is_array()) {
        for (const Json &l : lists) {
            if (!l.is_object())
                continue;
            const QString name = QString::fromStdString(l.value("name", std::string()));
            QString value = QString::fromStdString(l.value("category", std::string()));
            const std::string label = l.value("label", std::string());
            if (!label.empty())
                value += QStringLiteral(": ") + QString::fromStdString(label);
            const std::int64_t src = l.contains("source") && l["source"].is_number_integer()
                                             ? l["source"].get<std::int64_t>()
                                             : 0;
            add(QObject::tr("On list %1").arg(name), "list", value.isEmpty() ? name : value, src);
        }
    }

    // Every source the row names, with its build date and age.
    const Json ids = Json::parse(st.textView(22), nullptr, false);
    std::vector<std::int64_t> sourceIds;
    if (ids.is_array())
        for (const Json &id : ids)
            if (id.is_number_integer())
                sourceIds.push_back(id.get<std::int64_t>());
    for (const IpField &f : d.fields)
        if (f.sourceId
            && std::find(sourceIds.begin(), sourceIds.end(), f.sourceId) == sourceIds.end())
            sourceIds.push_back(f.sourceId);
    Statement src
            = db.prepare("SELECT name, kind, type, build_date FROM enrich_sources WHERE id = ?");
    for (std::int64_t id : sourceIds) {
        src.reset();
        src.bind(1, id);
        if (!src.step())
            continue;
        IpSourceInfo s;
        s.id = id;
        s.name = src.text(0);
        s.kind = src.text(1);
        s.type = src.text(2);
        s.buildDate = src.text(3);
        const QDate built = QDate::fromString(s.buildDate.left(10), Qt::ISODate);
        if (built.isValid())
            s.ageDays = int(built.daysTo(QDate::currentDate()));
        if (s.ageDays > kStaleDays)
            d.caveats << QObject::tr("%1 was built %2 days ago (%3): addresses change owner and "
                                     "location; values may be out of date.")
                                 .arg(s.name)
                                 .arg(s.ageDays)
                                 .arg(s.buildDate.left(10));
        d.sources.push_back(s);
    }

    if (cls == QLatin1String("cgnat"))
        d.caveats << QObject::tr("Carrier-grade NAT (100.64.0.0/10): many subscribers share this "
                                 "address; it is not one customer.");
    else if (!cls.isEmpty() && cls != QLatin1String("public"))
        d.caveats << QObject::tr("A %1 address: it has no public location or owner and names a "
                                 "device inside a network.")
                             .arg(cls);
    if (st.int64(18))
        d.caveats << QObject::tr("Hosting or cloud provider: likely a server, VPN or proxy running "
                                 "there, not where a person is.");
    if (st.int64(15))
        d.caveats << QObject::tr("Tor exit node: anyone can send traffic through it.");
    if (st.int64(16) || st.int64(17) || st.int64(19) || st.int64(14))
        d.caveats << QObject::tr("Flagged as an anonymiser (VPN, proxy or residential proxy): "
                                 "the location is the exit's, not the user's.");
    if (nt == QLatin1String("mobile"))
        d.caveats << QObject::tr("Mobile network: geolocation follows the carrier's gateway and "
                                 "addresses are shared and reassigned quickly.");
    if (accuracy >= 100)
        d.caveats << QObject::tr("The location is only accurate to %1 km.")
                             .arg(loc.toString(qlonglong(accuracy)));
    if (st.isNull(5) && cls == QLatin1String("public"))
        d.caveats << QObject::tr("No location: the geolocation database has no entry for it.");
    return d;
}

} // namespace netcase
