#pragma once

// Splits one CSV line (RFC 4180 quoting: "a, b" and "" inside quotes) into fields. Enough for
// the ASN range files and labelled lists; not a general CSV importer.

#include <string>
#include <string_view>
#include <vector>

namespace netcase {

void splitCsvLine(std::string_view line, std::vector<std::string> &fields);

} // namespace netcase
