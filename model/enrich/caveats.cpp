#include "caveats.h"

#include <QCoreApplication>

namespace netcase::caveat {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("netcase", text);
}

} // namespace

QString addressClass(const QString &cls)
{
    if (cls == QLatin1String("private"))
        return tr("Private address: it only identifies a device inside one organisation's "
                  "network.");
    if (cls == QLatin1String("loopback"))
        return tr("Loopback address: the host talked to itself.");
    if (cls == QLatin1String("link_local"))
        return tr("Link-local address: valid only on one network segment.");
    if (cls == QLatin1String("cgnat"))
        return tr("Carrier-grade NAT (100.64.0.0/10): a shared address used by many subscribers "
                  "of one provider at the same time.");
    if (cls == QLatin1String("documentation"))
        return tr("Documentation address: reserved for examples; real traffic should not use it.");
    if (cls == QLatin1String("multicast"))
        return tr("Multicast address: not a single sender.");
    if (cls == QLatin1String("reserved") || cls == QLatin1String("unspecified"))
        return tr("Reserved address: not routable on the internet.");
    if (cls == QLatin1String("ipv4_mapped"))
        return tr("IPv4 address written in IPv6 form (::ffff:a.b.c.d); looked up as IPv4.");
    return {};
}

QString notEnriched()
{
    return tr("Not enriched: no geolocation, network or list data for this address (run "
              "enrichment: netcase enrich).");
}

QString sharedByAccounts(const QString &accounts)
{
    return tr("Shared by %1 accounts: an office, school, carrier NAT, VPN or shared workspace "
              "puts many people behind one address.")
            .arg(accounts);
}

QString torExit()
{
    return tr("Tor exit node: many unrelated people share it; it hides the real origin.");
}

QString vpnOrProxy()
{
    return tr("VPN or proxy endpoint: the real origin is hidden and shared with other users.");
}

QString residentialProxy()
{
    return tr("Residential proxy: a home connection rented out as a proxy; the person behind it "
              "is probably not the subscriber.");
}

QString hosting(const QString &org)
{
    const QString text = tr("Hosting/data-centre network%1: traffic usually comes from servers, "
                            "scripts or relays rather than a person's own device, but also from "
                            "a developer's cloud machine or a legitimate service integration.");
    return text.arg(org.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(org));
}

QString mobileNetwork()
{
    return tr("Mobile network: carriers share addresses among many subscribers (often behind NAT) "
              "and locations are coarse.");
}

QString networkTypeGuess(const QString &reason)
{
    return tr("The network type is a guess from the organisation's name (%1).").arg(reason);
}

QString noLocationEntry()
{
    return tr("No location: the geolocation databases have no entry for this address.");
}

QString noGeolocation()
{
    return tr("No geolocation: no geolocation database was used for this case. Add one under "
              "Case → Enrichment sources (or netcase enrich --mmdb FILE).");
}

QString coarseLocation(const QString &km)
{
    return tr("The location is only accurate to about %1 km.").arg(km);
}

QString builtBeforeEvents(const QString &source, qint64 days)
{
    return tr("%1 was built %2 days before the case's latest event: addresses may have moved "
              "since.")
            .arg(source)
            .arg(days);
}

} // namespace netcase::caveat
