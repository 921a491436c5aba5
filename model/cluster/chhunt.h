#pragma once

// The aggregating first stage of Netcase's detections, run as SQL on the cluster: per entity and
// fixed window, the counts the detection's thresholds are about, keeping the groups that reach
// them. The thresholds and the sign-in classification are the case's own (analysis/rules.h), not
// copies. What the first stage leaves out (episodes split by gaps, medians of pace, the second
// look at each candidate) is done by the detection itself on the events pulled into a case; a
// window boundary can split an episode, so the first stage may miss one that straddles it.

#include "cluster/chfilter.h"
#include "cluster/churl.h"
#include "core/result.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

namespace netcase {
class Rules;
}

namespace netcase::cluster {

struct HuntCandidate
{
    std::string entity;             ///< source address, target, or "src -> dst:port"
    std::int64_t windowStartUs = 0; ///< start of the window (UTC microseconds)
    std::int64_t events = 0;
    std::int64_t distinct = 0; ///< accounts (sign-in rules) or sources (ddos)
    std::int64_t failures = 0;
};

struct HuntResult
{
    QString rule;
    QString distinctName; ///< "accounts" or "sources"; empty when the rule has none
    std::int64_t windowS = 0;
    std::vector<HuntCandidate> candidates;
};

/// credential_stuffing, password_spraying, ssh_bruteforce, ddos, beaconing.
QStringList huntRules();
/// Runs the rule over the events the filter selects (its time range and condition: a query in
/// the case query language narrows the hunt, e.g. to one network or one service's logs).
Result<HuntResult>
hunt(const ChConnection &c, const QString &rule, const Rules &rules, const ChFilter &filter);
/// Runs the rule over [fromUs, toUs) (0 and INT64_MAX for no bound).
Result<HuntResult> hunt(const ChConnection &c,
                        const QString &rule,
                        const Rules &rules,
                        std::int64_t fromUs,
                        std::int64_t toUs);

/// SQL conditions of the case's event classification (dataset.cpp), from the rules' lists.
QString authCondition(const Rules &rules);
QString sshCondition(const Rules &rules);

} // namespace netcase::cluster
