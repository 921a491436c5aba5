#pragma once

// The time zone a case is read in (setting `display.time_zone`, a JSON string: an IANA id such
// as "Europe/Berlin", or "UTC"). Changing it is audited (`case.time_zone`); it changes how times
// are shown (core/shownzone.h), never a stored time.

#include "core/result.h"

#include <QString>
#include <QTimeZone>

namespace netcase {

class Database;

/// The case's zone; UTC when none was chosen or the stored id is unknown to this machine.
QTimeZone caseTimeZone(const Database &db);

/// "UTC", an IANA id ("Europe/Berlin") or an offset ("UTC+02:00"); anything else is refused
/// with a message naming it.
Result<QTimeZone> parseTimeZone(const QString &text);

/// Stores the zone and appends the audit record, in one transaction of its own.
Status setCaseTimeZone(Database &db, const QTimeZone &zone, const QString &actor);

/// Sets core/shownzone.h from the case (what a view or report of this case shows).
void showCaseTimeZone(const Database &db);

} // namespace netcase
