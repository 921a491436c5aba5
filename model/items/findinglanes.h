#pragma once

// The findings the timeline draws as lanes under its chart: those overlapping the time in view
// and, when the selection names entities or a finding, only the ones about that selection (the
// selected finding first), most severe first. SQL stays here; the view only paints.

#include "items/timelinesummary.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace netcase {

class Database;

struct FindingLaneQuery
{
    std::int64_t fromUs = 0;
    std::int64_t toUs = 0;
    /// The selection's entities; all empty and findingId 0: every finding in view.
    QStringList ips;
    QStringList accounts;
    QStringList hosts;
    std::int64_t findingId = 0;
    int limit = 12;

    bool scoped() const
    {
        return findingId != 0 || !ips.isEmpty() || !accounts.isEmpty() || !hosts.isEmpty();
    }
};

struct FindingLanes
{
    std::vector<FindingBand> lanes; ///< the selected finding first, then most severe first
    std::int64_t total = 0;         ///< how many match, shown or not
};

FindingLanes findingLanes(const Database &db, const FindingLaneQuery &query);

} // namespace netcase
