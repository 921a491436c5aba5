#pragma once

// An Event as an Elastic Common Schema document (nested objects, as ECS JSON documents are),
// built from the field table (fields.h). Every string is valid UTF-8 in the result, whatever the
// event held. eventToEcs() (case/eventjson.h) adds where a stored event came from.

#include "core/event.h"

#include <nlohmann/json.hpp>

namespace netcase {

nlohmann::json eventDocument(const Event &e);

} // namespace netcase
