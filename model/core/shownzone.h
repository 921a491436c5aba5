#pragma once

// The time zone people read times in. UTC unless the open case chose another zone (Case → Time
// zone…, `netcase timezone CASE ZONE`; stored in the case, see case/casezone.h). Every view,
// the report's text and the plain output of notes show times through these functions; data
// formats (JSON, CSV, the audit log, the query language's times, `netcase events`) stay UTC.
//
// The shown forms are the UTC forms of core/timeutil.h moved by the zone's offset at that
// instant, so views and reports agree on the cut (minutes, seconds, milliseconds).

#include <QString>
#include <QTimeZone>

#include <cstdint>

namespace netcase {

class ShownZone
{
public:
    /// A copy of the zone (thread-safe: workers render reports while the GUI thread reads it).
    static QTimeZone zone();
    /// Sets the zone; an invalid zone means UTC.
    static void set(const QTimeZone &zone);
    static bool isUtc();
    /// "UTC", or the zone's IANA id ("Europe/Berlin") or offset id ("UTC+02:00").
    static QString name();
    /// Microseconds to add to a UTC instant to read it in the zone (0 for UTC).
    static std::int64_t offsetUs(std::int64_t us);
};

/// "2024-03-01" in the shown zone.
QString shownDay(std::int64_t us);
/// "2024-03-01 13:00" in the shown zone.
QString shownMinute(std::int64_t us);
/// "2024-03-01 13:00:00" in the shown zone.
QString shownSecond(std::int64_t us);
/// "2024-03-01 13:00:00.123" in the shown zone.
QString shownMillis(std::int64_t us);
/// "2024-03-01 13:00:00 UTC" or "2024-03-01 14:00:00 +01:00": the zone is named, for text read
/// away from the application (reports, tooltips).
QString shownStamp(std::int64_t us);
/// A time axis label (as utcAxisLabel) in the shown zone.
QString shownAxisLabel(std::int64_t us, std::int64_t stepUs);

} // namespace netcase
