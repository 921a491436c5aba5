#pragma once

// Field mappings saved in a case (settings "mapping:<name>"), so the mapping made for one
// export is offered again for the next file from the same system.

#include "core/result.h"
#include "tabular/fieldmapping.h"

#include <vector>

namespace netcase {

class Database;

class MappingStore
{
public:
    /// Every mapping saved in the case, by name. Unreadable entries are skipped.
    static std::vector<FieldMapping> list(const Database &db);
    /// Saves (or replaces) the mapping under its name, with an audit record, in one transaction.
    static Status save(Database &db, const FieldMapping &mapping, const QString &actor);
};

} // namespace netcase
