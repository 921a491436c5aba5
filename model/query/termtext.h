#pragma once

// Writing terms: the query text that selects a value of a field, for pivots ("filter for this
// value") that edit the user's query. Values are quoted (a quoted value is always literal),
// so a URL with * or a user agent with spaces stays one exact term.

#include <string>
#include <string_view>

namespace netcase::query {

/// `name:"value"` (numbers bare); an empty value gives `NOT name:*` (the field is absent).
std::string termFor(std::string_view name, std::string_view value, bool numeric = false);

/// `query term`, parenthesising query when it has a top-level OR, so the term narrows it.
std::string narrowed(std::string_view query, std::string_view term);

} // namespace netcase::query
