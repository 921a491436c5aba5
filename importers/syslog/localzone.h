#pragma once

// Converts wall-clock times that carry no zone (RFC 3164 syslog, nfdump CSV) to UTC with the
// import's --timezone. Offsets are cached per hour so a million lines cost a million lookups in
// a small table, not a million QTimeZone calls.

#include "core/result.h"

#include <QTimeZone>

#include <cstdint>
#include <unordered_map>

namespace netcase {

class LocalZone
{
public:
    /// An IANA name ("Europe/Berlin"), "UTC", or a fixed offset such as "+02:00".
    static Result<LocalZone> fromName(const QString &name);

    /// UTC microseconds for a local wall-clock time given as microseconds since the epoch as
    /// if it were UTC; the offset used (minutes east of UTC) goes to offsetMin.
    std::int64_t toUtc(std::int64_t localUs, int &offsetMin);

private:
    int offsetSecondsAtUtc(std::int64_t utcSecs);

    QTimeZone m_zone;
    bool m_utc = true;
    int m_fixedOffset = 0;
    std::unordered_map<std::int64_t, int> m_cache; ///< local hour -> offset seconds
};

} // namespace netcase
