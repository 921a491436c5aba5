#pragma once

// Bulk-load helper: when an import starts on a case without events, the indexes on `events`
// are dropped inside the import's transaction and built once at the end, which is much cheaper
// than keeping three B-trees sorted row by row. Because the drop is part of the transaction, a
// cancelled or failed import rolls it back with everything else.

#include "core/result.h"

#include <string>
#include <vector>

namespace netcase {

class Database;

class DeferredIndexes
{
public:
    /// Drops the events indexes when the events table is empty; otherwise does nothing.
    Status dropIfEmpty(Database &db);
    /// Recreates what dropIfEmpty() dropped (same SQL as the schema).
    Status rebuild(Database &db);
    bool active() const { return !m_sql.empty(); }

private:
    std::vector<std::string> m_sql;
};

} // namespace netcase
