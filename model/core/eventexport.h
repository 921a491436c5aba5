#pragma once

// An event's ECS document (eventdoc.h, eventToEcs) in the line formats other tools import:
//   timesketch  one JSON object per line with Timesketch's required message, datetime and
//               timestamp_desc, and the document's fields flattened to dotted names
//   ecs-bulk    the Elasticsearch/OpenSearch _bulk body: an "index" action line, then the
//               document itself, per event

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace netcase {

/// The names --format accepts: "ecs" (the document as it is), "timesketch", "ecs-bulk".
const std::vector<std::string> &eventExportFormats();

/// The lines (without line ends) that stand for one ECS document in the format.
std::vector<nlohmann::json> exportLines(const nlohmann::json &ecsDoc, const std::string &format);

/// Timesketch's one-line summary of an event: action, outcome, user, source, URL.
std::string timesketchMessage(const nlohmann::json &ecsDoc);

} // namespace netcase
