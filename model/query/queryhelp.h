#pragma once

// The query language's reference for people: `netcase help query` prints it and the GUI's
// search bar shows it, so the grammar is described once.

#include <string>

namespace netcase::query {

/// The grammar with examples and the field names (plain text, 80 columns).
std::string queryHelpText();

} // namespace netcase::query
