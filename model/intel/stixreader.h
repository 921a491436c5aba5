#pragma once

// Reads a STIX 2.1 bundle (OASIS STIX 2.1, section 8: `{"type": "bundle", "objects": [...]}`):
// every `indicator` object whose pattern_type is "stix" becomes one Indicator per value its
// pattern names (stixpattern.h), with valid_from/valid_until, confidence, labels and
// indicator_types, and created_by_ref resolved to the identity's name. Revoked indicators,
// other pattern languages and unsupported pattern parts are listed in IntelFile::unsupported,
// as are the other object types (counted per type). A file that is not a bundle, or an
// indicator without an id, a pattern or valid pattern syntax, is an Error: nothing is used.

#include "indicator.h"

#include "core/result.h"

#include <QByteArray>

#include <nlohmann/json_fwd.hpp>

namespace netcase::intel {

/// The bundle's indicators. path and sha256 are left to the caller (intelfile.h).
Result<IntelFile> readStixBundle(const nlohmann::json &bundle);

} // namespace netcase::intel
