#pragma once

// The organisation's known egress addresses: the ranges of its offices' NAT and corporate VPN
// exits, a list the analyst keeps in the case (settings key "analysis.egress", audited as
// "egress.ranges"). Sign-ins from them are not read as travel or as anonymous networks; the
// detections also learn shared egress addresses from the case itself (context.h).

#include "core/result.h"

#include <QString>

#include <string>
#include <vector>

namespace netcase {

class Database;

struct EgressRange
{
    std::string cidr;  ///< "ADDRESS/BITS"
    std::string label; ///< what it is ("Berlin office", "VPN exit us-east"); may be empty
};

class Egress
{
public:
    static constexpr const char *kSettingsKey = "analysis.egress";

    /// The case's list (empty when none was stored).
    static std::vector<EgressRange> load(const Database &db);
    /// Reads a list: one "CIDR [label]" a line; blank lines and '#' comments are skipped; an
    /// address alone is taken as its /32 or /128. A line that is not a range is an error naming
    /// the line.
    static Result<std::vector<EgressRange>> parse(const std::string &text);
    /// Replaces the case's list (an empty list clears it), audited as "egress.ranges" in one
    /// transaction of its own.
    static Status store(Database &db, const std::vector<EgressRange> &ranges, const QString &actor);
    /// The label of the first range holding ip ("" with a range unlabelled), or nullptr.
    static const EgressRange *find(const std::vector<EgressRange> &ranges, const std::string &ip);
};

} // namespace netcase
