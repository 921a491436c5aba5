#pragma once

// A Sigma rule compiled into a plan (docs/SIGMA.md): its metadata, the log sources of the case
// it applies to, its search identifiers as field tests and its condition as a tree. Rules are
// compiled once when loaded (sigmaload.h) and evaluated per event (sigmamatch.h).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace netcase::sigma {

/// One test of a value: what a Sigma value with its modifiers became.
struct ValueTest
{
    enum class Op : std::uint8_t {
        Equals,
        Glob, ///< `*` and `?` wildcards
        Contains,
        StartsWith,
        EndsWith,
        Regex,
        Cidr,
        Lt,
        Lte,
        Gt,
        Gte,
        Null,   ///< `field: null`: absent or empty
        Exists, ///< `|exists: true`
        Absent, ///< `|exists: false`
        FieldRef,
    };
    Op op = Op::Equals;
    bool cased = false; ///< compare case-sensitively (`|cased`); text is lowercased otherwise
    std::string text;
    std::shared_ptr<const re2::RE2> re;
    /// Cidr: the range's first and last address as enrich/ipkey.h's IpKey (hi, lo) halves;
    /// kept as integers so this header stays free of <compare> (which Qt's moc cannot read).
    std::uint64_t firstHi = 0, firstLo = 0, lastHi = 0, lastLo = 0;
    double number = 0;
    int refSlot = -1; ///< FieldRef: the other field's slot
    int needle = -1;  ///< a plain keyword: its index in RuleSet::needles
    int hint = -1;    ///< a keyword with wildcards: a literal part of it (RuleSet::needles)
};

/// One field of a selection map with its values: any value matches (all with `|all`).
struct FieldTest
{
    std::string field; ///< the Sigma name, as written
    int slot = -1;     ///< the field's slot in the rule set's field table (sigmafields.h)
    int memo = -1;     ///< the index of its result cache (per value text), -1 for none
    bool all = false;
    std::vector<ValueTest> values;
    /// A label or document field: the test can hold only when the record (or its labels)
    /// contains one of these RuleSet::needles, so records without any are not parsed for it.
    /// Empty when the test's values do not allow that (sigmaload.cpp).
    std::vector<int> needles;
};

/// A search identifier: a map (AND of fields), a list of maps (OR) or a list of keywords
/// (searched in the raw record).
struct Selection
{
    std::string name;
    std::vector<std::vector<FieldTest>> maps; ///< OR of ANDs
    std::vector<ValueTest> keywords;          ///< any matches (all with keywordsAll)
    bool isKeywords = false;
    bool keywordsAll = false;
};

struct CondNode
{
    enum class Kind : std::uint8_t { Sel, And, Or, Not, OneOf, AllOf };
    Kind kind = Kind::Sel;
    std::vector<int> sels; ///< Sel: one index; OneOf/AllOf: the identifiers named
    std::vector<CondNode> kids;
};

/// Where in the case a rule's log source is: the importers' format names, and for Zeek the
/// log (labels.zeek_log).
struct SourceScope
{
    std::vector<std::string> formats;
    std::string zeekLog;
    std::string group; ///< the field-mapping group (sigmafields.cpp), e.g. "web"
};

struct RuleMeta
{
    std::string path;
    std::string title;
    std::string id;
    std::string name; ///< referenced by correlation rules
    std::string level;
    std::string status;
    std::string author;
    std::string description;
    std::vector<std::string> references;
    std::vector<std::string> tags;
    std::vector<std::string> falsepositives;
    std::string category, product, service; ///< the logsource as written
};

struct Rule
{
    RuleMeta meta;
    SourceScope scope;
    std::vector<Selection> selections;
    CondNode condition;
    bool needsRaw = false; ///< keywords: the raw record is read
};

struct Correlation
{
    enum class Type : std::uint8_t { EventCount, ValueCount, Temporal, TemporalOrdered };
    RuleMeta meta;
    Type type = Type::EventCount;
    std::vector<std::string> rules; ///< names or ids of the rules it correlates
    std::vector<int> ruleIndexes;   ///< resolved into RuleSet::rules
    /// Per referenced rule: the slots of the group-by fields and of `field` (-1: none).
    std::vector<std::vector<int>> groupSlots;
    std::vector<int> fieldSlots;
    std::vector<std::string> groupBy;
    std::int64_t timespanUs = 0;
    ValueTest::Op op = ValueTest::Op::Gte; ///< condition: count OP threshold
    double threshold = 0;
    std::string field; ///< value_count: the field whose distinct values are counted
    bool generate = false;
};

/// A rule that is not evaluated, and why.
struct Unsupported
{
    std::string path;
    std::string title;
    std::string id;
    std::string reason;
};

struct RuleSet
{
    std::vector<Rule> rules;
    std::vector<Correlation> correlations;
    std::vector<Unsupported> unsupported;
    /// The field table: slot → (mapping group, Sigma field), resolved by sigmafields.h.
    std::vector<std::pair<std::string, std::string>> slots;
    int memoCount = 0; ///< result caches handed out (FieldTest::memo)
    /// The plain keywords (lowercased substrings) of every rule and the needles of its field
    /// tests (FieldTest::needles), each once: a raw record is searched for all in one pass.
    std::vector<std::string> needles;
    std::vector<std::string> files; ///< every rule file read, in order
    std::string digest;             ///< SHA-256 over the files' paths and contents (audit)

    int slotFor(const std::string &group, const std::string &field);
};

} // namespace netcase::sigma
