#pragma once

// Reading the case's events for the Sigma evaluator as they are stored, as analysis/dataset.h
// does: text and address columns stay dictionary ids, so an event costs no string copies; the
// evaluator looks up only the strings a rule tests (and keeps each field test's result per
// id), and resolves a whole Event only for a raw record that must be rebuilt or for a match.

#include "case/eventquery.h"
#include "core/fields.h"
#include "store/eventhalves.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace netcase {
class Database;
}

namespace netcase::sigma {

/// The case's string and address dictionaries, indexed by id.
struct Dictionaries
{
    std::vector<std::string> strs;
    std::vector<std::string> ips;
    /// The text of a Text or Address column's id ("" for an unknown id, as EventQuery reads it).
    const std::string &text(FieldType type, std::int64_t id) const;
};

/// One event as stored: every column of eventFields() by its index there (a dictionary id for
/// text and address fields, the value for the others; kNull when NULL), labels as text.
struct IdRow
{
    static constexpr std::int64_t kNull = INT64_MIN;
    std::int64_t id = 0;
    std::int64_t sourceId = 0;
    std::int64_t line = 0;
    std::vector<std::int64_t> cols;
    std::string_view labels; ///< valid during the scan's callback only
};

Dictionaries loadDictionaries(const Database &db);

/// The EventRow EventQuery gives for the same event (source name left empty).
void resolve(const IdRow &ids, const Dictionaries &d, EventRow &out);

/// Every event of range in id order; `wanted` says by source id whether its events are read at all,
/// fn returns false to stop. Returns how many events were read (wanted or not).
std::int64_t scanEvents(const Database &db,
                        EventIdRange range,
                        const std::function<bool(std::int64_t sourceId)> &wanted,
                        const std::function<bool(const IdRow &)> &fn);

} // namespace netcase::sigma
