#pragma once

// Evaluating compiled rules on one event: a Record reads each Sigma field of the event once
// (from the event's fields, its labels or its original JSON record, as sigmafields.h says) and
// keeps it, lowercased, for every rule that asks; rules then test their selections and
// condition against it.

#include "sigmafields.h"
#include "sigmarule.h"

#include "case/eventquery.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace netcase::sigma {

class Record
{
public:
    explicit Record(const RuleSet &set);

    /// The event to read next; raw gives its original record when a rule needs it.
    void reset(const EventRow &row, std::function<std::optional<std::string>()> raw);

    /// The field's text (null when absent) and its lowercased form.
    const std::string *value(int slot);
    const std::string *lowered(int slot);
    /// The raw record, lowercased (null when the case does not hold it).
    const std::string *rawLowered();
    const EventRow &row() const { return *m_row; }
    /// The result cache of a FieldTest (FieldTest::memo), by value text; kept across events.
    std::unordered_map<std::string, bool> &memo(int index) { return m_memo[std::size_t(index)]; }

private:
    struct Slot
    {
        std::uint32_t gen = 0;
        bool present = false;
        bool loweredDone = false;
        std::string text;
        std::string lower;
    };
    bool read(int slot, std::string &out);
    const std::string *raw();
    const nlohmann::json *document();
    const nlohmann::json *labels();

    std::vector<FieldSource> m_sources;
    std::vector<std::unordered_map<std::string, bool>> m_memo;
    std::vector<Slot> m_slots;
    std::uint32_t m_gen = 1;
    const EventRow *m_row = nullptr;
    std::function<std::optional<std::string>()> m_rawFn;
    std::optional<std::string> m_raw;
    std::string m_rawLower;
    bool m_rawDone = false, m_rawLowerDone = false;
    nlohmann::json m_doc, m_labels;
    bool m_docDone = false, m_labelsDone = false;
};

/// Whether the rule's condition holds for the record.
bool matches(const Rule &rule, Record &record);

/// Whether a source of the given format (and labels.zeek_log, for Zeek) is in the rule's scope.
bool inScope(const SourceScope &scope, const std::string &format, Record &record);

} // namespace netcase::sigma
