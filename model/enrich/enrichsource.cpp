#include "enrichsource.h"

#include "caveats.h"

namespace netcase {

QString EnrichSource::label() const
{
    const QString what = type.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, type);
    if (!buildDate.isValid())
        return what;
    return QStringLiteral("%1, built %2").arg(what, buildDate.date().toString(Qt::ISODate));
}

QString EnrichSource::attribution() const
{
    // The licences of the free databases Netcase reads ask for a credit wherever their data is
    // shown: DB-IP Lite (CC BY 4.0, also inside ip-location-db's files), IPinfo Lite (CC BY-SA
    // 4.0) and MaxMind GeoLite2 (its EULA).
    const QString id = (name + QLatin1Char(' ') + type + QLatin1Char(' ') + note).toLower();
    if (id.contains(QLatin1String("dbip")) || id.contains(QLatin1String("db-ip")))
        return QStringLiteral("IP Geolocation by DB-IP (https://db-ip.com)");
    if (layout == QLatin1String("ipinfo") || id.contains(QLatin1String("ipinfo")))
        return QStringLiteral("IP address data powered by IPinfo (https://ipinfo.io)");
    if (id.contains(QLatin1String("geolite2")))
        return QStringLiteral("This product includes GeoLite2 data created by MaxMind, "
                              "available from https://www.maxmind.com");
    return {};
}

QStringList attributions(const QList<EnrichSource> &sources)
{
    QStringList out;
    for (const EnrichSource &s : sources) {
        const QString a = s.attribution();
        if (!a.isEmpty() && !out.contains(a))
            out << a;
    }
    return out;
}

void judgeStaleness(EnrichSource &s, qint64 lastEventUs)
{
    s.stale = false;
    s.staleness.clear();
    s.daysBeforeEvents.reset();
    if (!s.buildDate.isValid() || lastEventUs < 0)
        return;
    const QDateTime last = QDateTime::fromMSecsSinceEpoch(lastEventUs / 1000, Qt::UTC);
    s.daysBeforeEvents = s.buildDate.daysTo(last);
    if (s.buildDate.addMonths(6) >= last)
        return;
    const qint64 days = s.buildDate.daysTo(last);
    s.stale = true;
    s.staleness = caveat::builtBeforeEvents(s.name, days);
}

} // namespace netcase
