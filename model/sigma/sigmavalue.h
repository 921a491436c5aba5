#pragma once

// Sigma values with their modifiers (`field|contains|all: [...]`) → ValueTests, and the test
// of one value. Plain strings match case-insensitively with `*` and `?` wildcards, `|re` is a
// case-sensitive RE2 search, numbers compare as text unless a comparison modifier is given.

#include "sigmarule.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netcase::sigma {

struct RawValue
{
    enum class Kind : std::uint8_t { String, Number, Bool, Null };
    Kind kind = Kind::String;
    std::string text;
};

/// Compiles the values of one field. `modifiers` are the names after the field ("contains",
/// "all", ...); `slotOf` resolves a `|fieldref` target. Returns the reason when a modifier or
/// value is not supported.
std::optional<std::string> compileValues(const std::vector<std::string> &modifiers,
                                         const std::vector<RawValue> &values,
                                         const std::function<int(const std::string &)> &slotOf,
                                         FieldTest &out);

/// Keywords (searched in the raw record): each value is a substring with wildcards.
std::optional<std::string> compileKeywords(const std::vector<std::string> &modifiers,
                                           const std::vector<RawValue> &values,
                                           Selection &out);

/// Whether a value (null when the field is absent; lower is its lowercased text) passes.
/// ref is the FieldRef's other value (lowercased), null when absent.
bool testValue(const ValueTest &t,
               const std::string *value,
               const std::string *lower,
               const std::string *ref = nullptr);

/// `*` / `?` wildcard match of lowercased text (`\` escapes a wildcard in the pattern).
bool globMatch(std::string_view text, std::string_view pattern);

std::string base64Encode(std::string_view bytes);
/// The three encodings of s at the offsets 0, 1 and 2 of a base64 stream (`|base64offset`).
std::vector<std::string> base64Offsets(std::string_view s);
/// The variants of a command line's flags with -, /, en dash, em dash and horizontal bar.
std::vector<std::string> windashVariants(std::string_view s);

} // namespace netcase::sigma
