#pragma once

// Small helpers shared by the CSV and JSON-lines importers and the mapping dialog.

#include "api/importer.h"
#include "tabular/fieldmapping.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netcase {

/// The mapping given with the import (JSON text or a file), or nullopt when none was given.
Result<std::optional<FieldMapping>> mappingFromOptions(const ImportOptions &options);

/// Header names made unique ("ip", "ip_2") and never empty ("column 3").
std::vector<std::string> uniqueColumnNames(const std::vector<std::string_view> &header);

/// "a, b, c" (at most 20 names), for messages.
std::string joinNames(const std::vector<std::string> &names);

} // namespace netcase
