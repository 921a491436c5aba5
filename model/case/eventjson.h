#pragma once

// Events as Elastic Common Schema documents (nested objects, as ECS JSON documents are).

#include <nlohmann/json.hpp>

namespace netcase {

struct EventRow;

/// The ECS document for an event. Netcase's own fields go under "netcase" (event id, source,
/// line). Absent values are omitted.
nlohmann::json eventToEcs(const EventRow &row);

/// Flattened ECS field names ("source.ip") with display values, for tables and CSV.
std::vector<std::pair<std::string, std::string>> eventToFlatFields(const EventRow &row);

} // namespace netcase
