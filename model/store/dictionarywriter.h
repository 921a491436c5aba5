#pragma once

// Writes text into the case's dictionaries (strs, or ips for addresses) and answers each text's
// row id, inserting it when it is new. One string at a time, or many in one statement: an import
// meets a hundred thousand new strings, and a statement per string spent more time starting and
// stopping SQLite's program than inserting.

#include "case/sqlite.h"

#include <QString>

#include <cstdint>
#include <span>
#include <string_view>

struct sqlite3_stmt;

namespace netcase {

class DictionaryWriter
{
public:
    /// Texts stored by one statement of storeMany().
    static constexpr size_t kChunk = 32;

    explicit DictionaryWriter(Database &db);
    ~DictionaryWriter();
    DictionaryWriter(const DictionaryWriter &) = delete;
    DictionaryWriter &operator=(const DictionaryWriter &) = delete;

    /// The row id of s in strs (ip false) or ips, inserted if new; 0 on failure (see error()).
    std::int64_t store(std::string_view s, bool ip);
    /// store() for each of texts, ids[i] for texts[i]; false on failure (see error()).
    bool storeMany(std::span<const std::string_view> texts, bool ip, std::int64_t *ids);

    /// Why the first failure failed; empty while all went well.
    const QString &error() const { return m_error; }

private:
    struct Statements
    {
        sqlite3_stmt *insert = nullptr;
        sqlite3_stmt *insertChunk = nullptr; ///< kChunk rows
        sqlite3_stmt *find = nullptr;
    };
    std::int64_t find(std::string_view s, bool ip);
    void bindText(sqlite3_stmt *st, int row, std::string_view s, bool ip);
    void fail(std::string_view s);

    Database &m_db;
    Statements m_strs;
    Statements m_ips;
    QString m_error;
};

} // namespace netcase
