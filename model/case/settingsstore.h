#pragma once

// The case's `settings` table: named values (JSON text) that travel with the case, such as rule
// overrides and saved field mappings. The only code that reads or writes that table.

#include "core/result.h"

#include <QString>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace netcase {

class Database;

class SettingsStore
{
public:
    static std::optional<std::string> get(const Database &db, const QString &key);
    /// Inserts or replaces the value. The caller owns the transaction.
    static Status put(Database &db, const QString &key, const std::string &value);
    /// Every entry whose key starts with prefix, in key order, as (key without prefix, value).
    static std::vector<std::pair<QString, std::string>> withPrefix(const Database &db,
                                                                   const QString &prefix);
};

} // namespace netcase
