#pragma once

// The field table: every field of a normalised Event, once, with its Elastic Common Schema name,
// its short alias (for the query language), its column in the case's `events` table, its type
// and how to read and write it on an Event. Event JSON (`netcase events`, reports, table export),
// the overlap check's column list, the CSV/JSON-lines mapper's targets and the event table's
// headers all come from here, so a new field is added in one place.

#include "core/event.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace netcase {

enum class FieldType : std::uint8_t {
    Time,    ///< @timestamp: UTC microseconds
    Text,    ///< a string; empty means absent
    Address, ///< an IP address string (canonical text)
    Integer, ///< a number; -1 means absent
    Outcome, ///< event.outcome
    Offset,  ///< event.timezone: minutes east of UTC, kNoOffset when absent
    Json,    ///< labels: a JSON object as text
};

struct FieldDef
{
    const char *ecs;    ///< ECS name, dotted ("source.ip")
    const char *alias;  ///< short name for queries ("src"), or nullptr
    const char *column; ///< column of the SQL `events` table
    const char *title;  ///< column header for people ("Source IP")
    FieldType type;
    std::string Event::*text = nullptr;              ///< Text, Address and Json fields
    std::int64_t (*number)(const Event &) = nullptr; ///< Integer fields: the value, -1 if absent
    void (*setNumber)(Event &, std::int64_t) = nullptr;
    bool mappable = true; ///< offered as a target of CSV/JSON-lines field mappings
};

/// Every field, in reading order: time, what happened, who and from where, then the details.
std::span<const FieldDef> eventFields();

/// The field with that ECS name or alias, if any.
const FieldDef *findField(std::string_view ecsOrAlias);

/// Integer fields of an event as written to documents: event.duration is stored in
/// microseconds but ECS gives it in nanoseconds.
std::int64_t documentNumber(const FieldDef &f, const Event &e);

} // namespace netcase
