#pragma once

// Names a query may put before ':' (or a comparison): every field of the field table by its
// ECS name or alias, and the few that look at more than one field or beyond the event.

#include "query/ast.h"

#include <optional>
#include <string_view>
#include <vector>

namespace netcase::query {

/// The target called name, if any.
std::optional<Target> findTarget(std::string_view name);

/// Every name findTarget() knows, aliases first (for completion and `netcase help query`).
std::vector<std::string> targetNames();

} // namespace netcase::query
