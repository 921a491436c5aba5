#pragma once

// Running a RuleSet over events: one pass, each event tested only by the rules whose log
// source is the event's source's format. Matches become findings of kind `sigma` (one per rule
// and source address, or account), correlation rules are evaluated over the base rules'
// matches at the end. Evaluator takes events from anywhere (tests, the benchmark); evaluate()
// reads a case.

#include "sigmamatch.h"
#include "sigmarule.h"

#include "analysis/finding.h"
#include "core/result.h"

#include <atomic>
#include <map>
#include <memory>
#include <unordered_map>

namespace netcase {
class Database;
}

namespace netcase::sigma {

class Evaluator
{
public:
    /// Past this many addresses (or accounts) for one rule, its matches make one finding
    /// (details.sources says how many) instead of one per address.
    static constexpr int kMaxGroupsPerRule = 200;

    explicit Evaluator(const RuleSet &set, std::size_t maxEvidence = 2000);
    ~Evaluator();

    /// Tests one event of a source in `format`; raw gives its original record when needed.
    void add(const EventRow &row,
             const std::string &format,
             const std::function<std::optional<std::string>()> &raw);
    /// The same for an event as stored (sigmascan.h), given in id order: full gives its
    /// EventRow, read only when a rule matches. Matches are counted into findings in time order
    /// at finish(), so the findings are those of add() called in time order.
    void addStored(const IdRow &row,
                   const Dictionaries &dicts,
                   const std::string &format,
                   const std::function<const EventRow &()> &full,
                   const std::function<std::optional<std::string>()> &raw);
    /// Takes over the matches of an evaluator of the same rule set that was given the events
    /// after this one's (addStored() only; its trace is the caller's to append).
    void absorb(Evaluator &later);
    /// The findings (plain rules, then correlations), and how many events each rule matched.
    std::vector<Finding> finish();
    const std::vector<std::int64_t> &matchCounts() const { return m_counts; }
    /// Every match (rule index, event id) is also appended here, for checks (the benchmark).
    void trace(std::vector<std::pair<int, std::int64_t>> *out) { m_trace = out; }
    /// The indexes of the rules whose log source is `format`.
    const std::vector<int> &rulesFor(const std::string &format);

private:
    struct Acc
    {
        Finding finding;
        std::int64_t count = 0;
    };
    /// A match of a rule that a correlation uses.
    struct Hit
    {
        std::int64_t ts = 0;
        std::int64_t id = 0;
        int ref = 0; ///< which of the correlation's rules matched
        std::string group;
        std::string value;
        std::string ip;
        std::string user;
    };
    /// A match of one rule: what its finding and correlations keep of the event.
    struct Seen
    {
        std::int64_t ts = 0;
        std::int64_t id = 0;
        int rule = 0;
        std::string ip; ///< client.ip, else source.ip
        std::string user;
        std::string host;
    };
    bool test(int rule, const std::string &format);
    void count(const Seen &seen);
    void hit(const Seen &seen);
    void correlate(const Correlation &k, std::vector<Finding> &out) const;

    const RuleSet &m_set;
    std::size_t m_maxEvidence;
    Record m_record;
    std::unordered_map<std::string, std::vector<int>> m_byFormat;
    std::vector<bool> m_generates;               ///< per rule: its matches are findings
    std::vector<std::vector<int>> m_correlating; ///< per rule: correlations that use it
    std::map<std::pair<int, std::string>, std::unique_ptr<Acc>> m_accs;
    std::vector<std::vector<Hit>> m_hits; ///< per correlation
    std::vector<Seen> m_pending;          ///< addStored()'s matches, for finish() to count
    std::vector<std::int64_t> m_counts;
    std::vector<std::pair<int, std::int64_t>> *m_trace = nullptr;
};

struct SigmaRun
{
    std::vector<Finding> findings;
    std::int64_t events = 0;  ///< events read
    std::int64_t matched = 0; ///< rule matches
    nlohmann::json audit;     ///< folders, counts and digest, for the analysis.run record
};

/// Every event of the case through the rule set; trace (if given) receives every (rule index,
/// event id) match.
Result<SigmaRun> evaluate(const Database &db,
                          const RuleSet &set,
                          const std::atomic<bool> *cancel = nullptr,
                          std::vector<std::pair<int, std::int64_t>> *trace = nullptr);

/// The finding of a plain rule's matches (sigmafinding.cpp).
Finding ruleFinding(const RuleMeta &meta, const std::string &key, std::int64_t matches);
/// The caption of a rule with its author, as every finding shows it.
std::string attribution(const RuleMeta &meta);

} // namespace netcase::sigma
