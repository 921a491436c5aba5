#pragma once

// RFC 3164 syslog stamps have no year. The tracker gives each line a year: the user's --year
// for the first line when given; otherwise the year that puts the first line at or before the
// reference time (now), assuming a log is read within a year of being written. A month that
// jumps back by six or more (Dec -> Jan) is a new year; a month that jumps forward by six or
// more right after a rollover is a late line of the previous year.

#include <cstdint>

namespace netcase {

class YearTracker
{
public:
    /// forcedYear 0 means infer; referenceUs is "now" (UTC microseconds).
    YearTracker(int forcedYear, std::int64_t referenceUs);

    int yearFor(int month, int day);
    /// True when the year was not given by the user.
    bool inferred() const { return m_inferred; }

private:
    int m_year = 0;
    int m_lastMonth = 0;
    int m_refYear = 1970;
    int m_refMonth = 1;
    int m_refDay = 1;
    bool m_inferred = true;
};

} // namespace netcase
