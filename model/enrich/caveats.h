#pragma once

// Why a value about an address can mislead an analyst (carrier NAT, VPN, hosting, Tor, shared
// addresses, missing or old databases), one sentence each, written once for every place that
// shows them: the IP details pane (IpDetails), ipCaveats(), the sources' staleness and the
// caveats the analysis attaches to findings. Keeping them here keeps the wording the same
// everywhere.

#include <QString>

namespace netcase::caveat {

/// "Private address: ...", one per address class; empty for "public" and unknown classes.
QString addressClass(const QString &cls);
/// The address has no enrichment row.
QString notEnriched();
/// accounts (a number, formatted by the caller) used the address.
QString sharedByAccounts(const QString &accounts);
QString torExit();
QString vpnOrProxy();
QString residentialProxy();
/// org (the AS organisation) is named when not empty.
QString hosting(const QString &org = {});
QString mobileNetwork();
/// The network type was guessed from the organisation's name; reason says how.
QString networkTypeGuess(const QString &reason);
/// The geolocation databases used have no entry for the address.
QString noLocationEntry();
/// No geolocation database was used for the case at all.
QString noGeolocation();
QString coarseLocation(const QString &km);
/// A source built days before today (date: its build date as recorded).
/// A source built days before the case's latest event.
QString builtBeforeEvents(const QString &source, qint64 days);

} // namespace netcase::caveat
