#pragma once

// Thin RAII wrappers over the SQLite C API. Netcase talks to SQLite directly (not through
// QtSql) to control transactions, prepared statements and bulk inserts. One Database per thread.

#include "core/result.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace netcase {

class Statement
{
public:
    Statement() = default;
    Statement(sqlite3 *db, sqlite3_stmt *stmt)
        : m_db(db)
        , m_stmt(stmt)
    {}
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    bool valid() const { return m_stmt != nullptr; }

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, std::int64_t(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const QString &text);
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bindBlob(int index, const void *data, int size);
    Statement &bindNull(int index);

    /// Steps once: true while a row is available. Errors end the iteration; see lastError().
    bool step();
    /// Runs a statement that returns no rows.
    Status exec();
    void reset();

    std::int64_t int64(int col) const;
    double real(int col) const;
    QString text(int col) const;
    std::string_view textView(int col) const;
    bool isNull(int col) const;
    QByteArray blob(int col) const;
    /// Generic access for code that digests whole rows (audit/sectiondigest).
    int columnCount() const;
    /// SQLite's fundamental type of the column in the current row (SQLITE_INTEGER = 1, ...).
    int columnType(int col) const;
    const char *columnName(int col) const;
    /// True when the last step() ended on an error rather than the last row.
    bool failed() const;

    QString lastError() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    int m_rc = 0;
};

class Database
{
public:
    enum class Mode { ReadWrite, ReadOnly, Create };

    Database() = default;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    static Result<Database> open(const QString &path, Mode mode);

    sqlite3 *handle() const { return m_db; }
    bool isOpen() const { return m_db != nullptr; }
    bool readOnly() const { return m_readOnly; }
    const QString &path() const { return m_path; }

    Status exec(std::string_view sql);
    /// Prepares a statement; an invalid statement logs the SQL error (a programming error).
    Statement prepare(std::string_view sql) const;
    /// Runs a query returning one integer (or fallback when there is no row).
    /// A statement the caller owns and finalizes, prepared for many runs (bulk writers that
    /// bind through the C API); nullptr on error.
    sqlite3_stmt *prepareRaw(const char *sql) const;
    std::int64_t scalar(std::string_view sql, std::int64_t fallback = 0) const;
    std::int64_t lastInsertId() const;
    /// Whether a table (or the TEMP virtual table `events`) of that name exists.
    bool hasTable(const char *name) const;
    int changes() const;
    QString lastError() const;
    /// While *cancel is true, every statement on this connection stops at its next check (every
    /// few thousand virtual machine steps) with SQLITE_INTERRUPT, so a long query can be
    /// abandoned from another thread. The flag must outlive its use here; null removes it.
    void setCancelFlag(const std::atomic<bool> *cancel);
    /// True when the last error was another connection's lock (SQLITE_BUSY or SQLITE_LOCKED).
    bool lastErrorWasLock() const;
    /// SQLite's extended result code of the last error, and the errno behind it (0 if none).
    int lastErrorCode() const;
    int lastSystemErrno() const;
    /// False when no transaction is open, e.g. after SQLite rolled one back on SQLITE_FULL.
    bool inTransaction() const;

private:
    void close();
    /// After a read-only connection: removes the empty -wal and -shm files it leaves behind.
    static void removeIdleWal(const QString &path);

    sqlite3 *m_db = nullptr;
    QString m_path;
    bool m_readOnly = false;
};

/// Begins a transaction and rolls it back unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Database &db, bool immediate = true);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool active() const { return m_active; }
    Status commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
};

/// A named savepoint inside a transaction: released on release(), rolled back (and released)
/// on rollback() or when it goes out of scope without either.
class Savepoint
{
public:
    Savepoint(Database &db, const char *name);
    ~Savepoint();
    Savepoint(const Savepoint &) = delete;
    Savepoint &operator=(const Savepoint &) = delete;

    void release();
    void rollback();

private:
    Database &m_db;
    std::string m_name;
    bool m_open = false;
};

} // namespace netcase
