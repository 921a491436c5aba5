#pragma once

// Evaluating compiled rules on one event: a Record reads each Sigma field of the event once
// (from the event's fields, its labels or its original JSON record, as sigmafields.h says) and
// keeps it, lowercased, for every rule that asks; rules then test their selections and
// condition against it. The Record itself is in sigmarecord.cpp.

#include "sigmafields.h"
#include "sigmarule.h"
#include "sigmascan.h"

#include "case/eventquery.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netcase::sigma {

/// Joins the values of a field read from an array (the ASCII record separator).
constexpr char kValueSeparator = '\x1e';

class Record
{
public:
    explicit Record(const RuleSet &set);
    ~Record();

    /// The event to read next; raw gives its original record when needed.
    void reset(const EventRow &row, std::function<std::optional<std::string>()> raw);
    /// The same for an event as stored (sigmascan.h): a field is looked up in the dictionaries
    /// when a rule tests it, and a test on an interned field keeps its result per string id.
    void reset(const IdRow &row,
               const Dictionaries &dicts,
               std::function<std::optional<std::string>()> raw);

    /// The field's text (null when absent) and its lowercased form.
    const std::string *value(int slot);
    const std::string *lowered(int slot);
    /// The raw record, lowercased (null when the case does not hold it).
    const std::string *rawLowered();
    /// Whether the lowercased raw record contains RuleSet::needles[needle] (false when the
    /// case does not hold the record).
    bool hasNeedle(int needle);
    /// False when the label or document field of t cannot pass t (FieldTest::needles): no
    /// needle in the record or its labels, and no escape there that could hide one.
    bool mayPass(const FieldTest &t);
    /// The event's labels (JSON text).
    std::string_view labelsText() const;
    /// The result cache of a FieldTest (FieldTest::memo), by value text; kept across events.
    std::unordered_map<std::string, bool> &memo(int index) { return m_memo[std::size_t(index)]; }
    /// The cached result of a FieldTest (FieldTest::memo) for the slot's value in this event,
    /// by the value's string id (0 unknown, 1 false, 2 true), found without reading the value;
    /// null when the value has no id (an event from an EventRow, a number, a label or a
    /// document field).
    std::int8_t *idMemo(int index, int slot);

private:
    struct Slot
    {
        std::uint32_t gen = 0;
        bool present = false;
        bool loweredDone = false;
        std::uint32_t localGen = 0;
        std::int32_t local = -1; ///< the value's index in its column's idMemo space, or -1
        const std::string *text = nullptr;
        std::string own;
        std::string lower;
    };
    void begin();
    bool read(int slot, std::string &out);
    bool readStored(int slot, Slot &s);
    /// The index of the slot's value in its column's idMemo space (-1: not by id).
    std::int32_t localOf(int slot);
    const std::string *raw();
    const nlohmann::json *document();
    const nlohmann::json *labels();

    struct Needles;
    std::unique_ptr<Needles> m_needles;
    std::vector<FieldSource> m_sources;
    std::vector<int> m_columns; ///< per slot: the index of its ECS field in eventFields(), or -1
    std::vector<bool> m_keyed;  ///< per slot: read from a dictionary column (idMemo applies)
    std::vector<std::unordered_map<std::string, bool>> m_memo;
    std::vector<std::vector<std::int8_t>> m_idMemo;    ///< per memo, by local index
    std::vector<std::vector<std::int32_t>> m_localIds; ///< per column: string id → local index
    std::vector<std::int32_t> m_localCount;            ///< per column
    std::vector<Slot> m_slots;
    std::uint32_t m_gen = 1;
    const EventRow *m_row = nullptr;
    const IdRow *m_ids = nullptr;
    const Dictionaries *m_dicts = nullptr;
    std::function<std::optional<std::string>()> m_rawFn;
    std::optional<std::string> m_raw;
    std::string m_rawLower;
    bool m_rawDone = false, m_rawLowerDone = false;
    bool m_rawEscaped = false;    ///< the raw record has a backslash
    std::int8_t m_labelsScan = 0; ///< 0 not yet, 1 labels lowered, 2 with an escape
    std::string m_labelsLower;
    nlohmann::json m_doc, m_labels;
    bool m_docDone = false, m_labelsDone = false;
};

/// Whether the rule's condition holds for the record.
bool matches(const Rule &rule, Record &record);

/// Whether a source of the given format (and labels.zeek_log, for Zeek) is in the rule's scope.
bool inScope(const SourceScope &scope, const std::string &format, Record &record);

} // namespace netcase::sigma
