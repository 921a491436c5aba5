#pragma once

// The sources a campaign finding merged (details.members, written by analysis/campaign and the
// user-agent and SSH scan detections), read back for the views and the report: one row per
// source with the counts the detection recorded. Absent counts stay -1 ("not recorded").

#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace netcase {

struct FindingMember
{
    QString ip;
    std::int64_t attempts = -1;
    std::int64_t failures = -1;
    std::int64_t accounts = -1;
    std::int64_t firstUs = 0; ///< 0 when not recorded
    std::int64_t lastUs = 0;
};

struct FindingMembers
{
    std::vector<FindingMember> rows;
    std::int64_t total = 0; ///< members of the campaign, including any the detection did not list
    bool anyFailures = false;
    bool anyAccounts = false;
};

/// The members of a finding's details, in stored order (busiest first where the detection
/// sorted them); empty when the finding is not a campaign. Malformed entries are skipped.
FindingMembers findingMembers(const nlohmann::json &details);

} // namespace netcase
