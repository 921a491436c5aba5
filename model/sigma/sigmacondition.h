#pragma once

// A Sigma `condition` → CondNode: identifiers, `and`, `or`, `not`, parentheses,
// `1 of X*` / `all of X*` / `any of`, `1 of them` / `all of them`. Aggregations (`| count()`)
// and `near` are the old syntax of correlation rules and are reported as unsupported.

#include "sigmarule.h"

#include <string>
#include <variant>

namespace netcase::sigma {

/// The tree, or the reason the condition cannot be read. names are the rule's search
/// identifiers (their index is the Selection index).
std::variant<CondNode, std::string> parseCondition(const std::string &text,
                                                   const std::vector<std::string> &names);

} // namespace netcase::sigma
