#include "yeartracker.h"

#include "core/timeutil.h"

#include <algorithm>

namespace netcase {

YearTracker::YearTracker(int forcedYear, std::int64_t referenceUs)
{
    if (forcedYear > 0) {
        m_year = forcedYear;
        m_inferred = false;
    }
    const std::string iso = formatIsoUs(referenceUs); // "YYYY-MM-DDT..."
    m_refYear = std::stoi(iso.substr(0, 4));
    m_refMonth = std::stoi(iso.substr(5, 2));
    m_refDay = std::stoi(iso.substr(8, 2));
}

int YearTracker::yearFor(int month, int day)
{
    if (m_lastMonth == 0) {
        m_lastMonth = month;
        if (m_year == 0) {
            // A day of slack for clocks and zones ahead of ours.
            const bool future = month > m_refMonth || (month == m_refMonth && day > m_refDay + 1);
            m_year = future ? m_refYear - 1 : m_refYear;
        }
        return m_year;
    }
    if (month + 6 <= m_lastMonth) {
        // Bounded: a hostile file of alternating months must not run the year off the calendar.
        m_year = std::min(m_year + 1, 9999);
        m_lastMonth = month;
        return m_year;
    }
    if (month >= m_lastMonth + 6)
        return m_year - 1; // a straggler from before the rollover; does not move the state
    m_lastMonth = month;
    return m_year;
}

} // namespace netcase
