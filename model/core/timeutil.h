#pragma once

// Time helpers. Netcase stores time as UTC microseconds since the epoch (int64).

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netcase {

/// Now, as ISO 8601 UTC with milliseconds ("2026-11-23T19:09:29.123Z").
QString nowIso();

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

/// UTC microseconds from broken-down UTC time.
std::int64_t
toEpochUs(int year, int month, int day, int hour, int minute, int second, int micros = 0);

/// Broken-down time of UTC microseconds since the epoch (proleptic Gregorian).
struct CivilTime
{
    std::int64_t year = 1970;
    int month = 1; ///< 1..12
    int day = 1;   ///< 1..31
    int hour = 0;
    int minute = 0;
    int second = 0;
    int micros = 0;
};
CivilTime civilFromUs(std::int64_t us);

/// ISO 8601 UTC with microseconds, e.g. "2024-03-01T12:00:00.000000Z".
std::string formatIsoUs(std::int64_t us);

// Times shown to people, all cut from formatIsoUs() so every view, report and command agrees on
// the same instant (UTC, no time zone conversion). A space stands for the T where a person reads
// the text; the ISO forms are for data.

/// formatIsoUs() as a QString: "2024-03-01T12:00:00.000000Z".
QString utcIso(std::int64_t us);
/// "2024-03-01T12:00:00Z": whole seconds, for keys and names that must stay stable.
std::string isoSeconds(std::int64_t us);
/// "2024-03-01".
QString utcDay(std::int64_t us);
/// "2024-03-01 12:00", where minutes are enough (the timeline's resolution).
QString utcMinute(std::int64_t us);
/// "2024-03-01 12:00:00".
QString utcSecond(std::int64_t us);
/// "2024-03-01 12:00:00.123", the events table (log lines often share a second).
QString utcMillis(std::int64_t us);
/// "2024-03-01 12:00:00 UTC", reports (read away from the application, so the zone is named).
QString utcStamp(std::int64_t us);
/// A time axis label: utcDay() when the steps are a day or longer, else "03-01 12:00".
QString utcAxisLabel(std::int64_t us, std::int64_t stepUs);

/// Parses ISO 8601 / RFC 3339 ("2024-03-01T12:00:00Z", "+02:00" offsets, fractions, a space
/// instead of T, or a date alone). The offset found (minutes) goes to offsetMin if given.
std::optional<std::int64_t> parseIso(std::string_view s, int *offsetMin = nullptr);

/// Parses the user's --from/--to: ISO 8601, a date, or epoch seconds.
std::optional<std::int64_t> parseUserTime(const QString &s);

/// Month number 1..12 from an English three-letter abbreviation, 0 if unknown.
int monthFromAbbrev(std::string_view m);
/// "Jan".."Dec" for 1..12, empty otherwise.
std::string_view monthAbbrev(int month);

} // namespace netcase
