#pragma once

// Named queries stored in the case (`saved_searches`, schema 6), offered by the search bar and
// read by reviewers. The only code that reads or writes the table; each change runs in one
// transaction with its audit record (search.save, search.delete). The caller checks that the
// query parses (the query language is above this layer).

#include "core/result.h"

#include <QString>

#include <vector>

namespace netcase {

class Database;

struct SavedSearch
{
    QString name;
    QString query;
    QString analyst;
    QString savedAt;
};

class SavedSearches
{
public:
    /// Saves (or replaces) the query under name.
    static Status
    save(Database &db, const QString &name, const QString &query, const QString &analyst);
    static Status remove(Database &db, const QString &name, const QString &analyst);
    /// By name; empty on a case older than schema 6.
    static std::vector<SavedSearch> all(const Database &db);
};

} // namespace netcase
