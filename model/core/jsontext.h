#pragma once

// JSON text for people and programs alike. JSON output keeps log text exact, but a bidi control
// (U+202E and friends) or an invisible format character written as raw UTF-8 still reorders or
// hides text when a person views the JSON in a terminal or an editor. jsonText() writes every
// character that displaySafe() would make visible as a \uXXXX escape instead: the same JSON
// value, byte for byte equal after parsing, inert on a screen.

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace netcase {

/// j serialised (indent < 0: one line), invalid UTF-8 replaced, display-unsafe characters
/// escaped.
std::string jsonText(const nlohmann::json &j, int indent = -1);

/// The same escaping applied to JSON text that is already serialised.
std::string escapeUnsafeInJson(std::string text);

} // namespace netcase
