#pragma once

// The detection section of a rule → Selections and the condition tree (internal to the
// loader: it takes yaml-cpp nodes).

#include "sigmarule.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace netcase::sigma {

/// Fills rule.selections and rule.condition; the reason when the rule cannot be evaluated.
std::optional<std::string> compileDetection(const YAML::Node &detection, Rule &rule, RuleSet &set);

/// A scalar or a list of scalars as text (empty for anything else).
std::vector<std::string> textList(const YAML::Node &node);

} // namespace netcase::sigma
