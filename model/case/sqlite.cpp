#include "sqlite.h"

#include "case/storageerror.h"

#include <QDebug>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace netcase {

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db)
    , m_stmt(other.m_stmt)
    , m_rc(other.m_rc)
{
    other.m_stmt = nullptr;
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        m_rc = other.m_rc;
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, std::string_view text)
{
    sqlite3_bind_text(m_stmt, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bind(int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindBlob(int index, const void *data, int size)
{
    sqlite3_bind_blob(m_stmt, index, data, size, SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step()
{
    if (!m_stmt)
        return false;
    m_rc = sqlite3_step(m_stmt);
    return m_rc == SQLITE_ROW;
}

Status Statement::exec()
{
    if (!m_stmt)
        return makeError(QStringLiteral("invalid statement"));
    m_rc = sqlite3_step(m_stmt);
    const bool ok = m_rc == SQLITE_DONE || m_rc == SQLITE_ROW;
    const QString err = ok ? QString() : lastError();
    sqlite3_reset(m_stmt);
    if (!ok)
        return makeError(err);
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

double Statement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

QString Statement::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col)) : QString();
}

std::string_view Statement::textView(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    return p ? std::string_view(p, size_t(sqlite3_column_bytes(m_stmt, col))) : std::string_view();
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

QByteArray Statement::blob(int col) const
{
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
    return p ? QByteArray(p, sqlite3_column_bytes(m_stmt, col)) : QByteArray();
}

int Statement::columnCount() const
{
    return m_stmt ? sqlite3_column_count(m_stmt) : 0;
}

int Statement::columnType(int col) const
{
    return sqlite3_column_type(m_stmt, col);
}

const char *Statement::columnName(int col) const
{
    return sqlite3_column_name(m_stmt, col);
}

bool Statement::failed() const
{
    return m_rc != SQLITE_ROW && m_rc != SQLITE_DONE && m_rc != SQLITE_OK;
}

QString Statement::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString();
}

Database::Database(Database &&other) noexcept
    : m_db(other.m_db)
    , m_path(std::move(other.m_path))
    , m_readOnly(other.m_readOnly)
{
    other.m_db = nullptr;
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = other.m_db;
        m_path = std::move(other.m_path);
        m_readOnly = other.m_readOnly;
        other.m_db = nullptr;
    }
    return *this;
}

Database::~Database()
{
    close();
}

void Database::close()
{
    if (!m_db)
        return;
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    if (m_readOnly)
        removeIdleWal(m_path);
}

void Database::removeIdleWal(const QString &path)
{
    // SQLite creates the -wal and -shm files of a WAL database for a read-only connection too,
    // but only a writable one removes them as the last to close: every `netcase info` left two
    // empty files beside the case. A writable connection that only reads removes them if it is
    // the last (SQLite decides that under its own locks, so a case open elsewhere keeps them)
    // and changes nothing in the case. A log with content, or no write access, is left alone.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    const QFileInfo file(path);
    if (!wal.exists() || wal.size() != 0 || !file.isWritable()
        || !QFileInfo(file.absolutePath()).isWritable())
        return;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
        == SQLITE_OK)
        (void)sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

namespace {

/// A reader of a WAL-mode file must create its -shm file beside it, which a read-only folder
/// refuses (SQLITE_READONLY_CANTINIT). With no -wal, -shm or -journal there, nobody is writing
/// the file (a writer needs to create one of them in that folder), so it is read as immutable.
bool unwritableQuietFolder(const QString &path)
{
    const QFileInfo file(path);
    if (QFileInfo(file.absolutePath()).isWritable())
        return false;
    for (const char *suffix : {"-wal", "-shm", "-journal"}) {
        if (QFileInfo::exists(path + QLatin1String(suffix)))
            return false;
    }
    return true;
}

QByteArray immutableUri(const QString &path)
{
    return "file:" + QFile::encodeName(QFileInfo(path).absoluteFilePath()).toPercentEncoding("/")
           + "?mode=ro&immutable=1";
}

} // namespace

Result<Database> Database::open(const QString &path, Mode mode)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    if (mode != Mode::Create && !QFile::exists(path))
        return makeError(QStringLiteral("%1: no such file").arg(path));

    Database db;
    db.m_path = path;
    db.m_readOnly = mode == Mode::ReadOnly;
    QByteArray name = QFile::encodeName(path);
    if (mode == Mode::ReadOnly && unwritableQuietFolder(path)) {
        name = immutableUri(path);
        flags |= SQLITE_OPEN_URI;
    }
    const int rc = sqlite3_open_v2(name.constData(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        QString msg = db.m_db ? QString::fromUtf8(sqlite3_errmsg(db.m_db))
                              : QString::fromUtf8(sqlite3_errstr(rc));
        return makeError(QStringLiteral("%1: cannot open (%2)").arg(path, msg));
    }
    sqlite3_busy_timeout(db.m_db, 5000);
    sqlite3_extended_result_codes(db.m_db, 1);
    return db;
}

Status Database::exec(std::string_view sql)
{
    char *err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        QString msg = QString::fromUtf8(err ? err : "unknown SQLite error");
        sqlite3_free(err);
        return makeError(msg);
    }
    return {};
}

Statement Database::prepare(std::string_view sql) const
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), int(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        qWarning("SQL prepare failed: %s in %.*s", sqlite3_errmsg(m_db), int(sql.size()),
                 sql.data());
        return {};
    }
    return Statement(m_db, stmt);
}

sqlite3_stmt *Database::prepareRaw(const char *sql) const
{
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        return nullptr;
    }
    return st;
}

std::int64_t Database::scalar(std::string_view sql, std::int64_t fallback) const
{
    Statement st = prepare(sql);
    return st.step() ? st.int64(0) : fallback;
}

bool Database::hasTable(const char *name) const
{
    Statement st = prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?1 "
                           "UNION ALL SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND "
                           "name = ?1");
    st.bind(1, name);
    return st.valid() && st.step();
}

std::int64_t Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

void Database::setCancelFlag(const std::atomic<bool> *cancel)
{
    if (!m_db)
        return;
    if (!cancel) {
        sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
        return;
    }
    sqlite3_progress_handler(
            m_db, 4096,
            [](void *flag) { return static_cast<const std::atomic<bool> *>(flag)->load() ? 1 : 0; },
            const_cast<std::atomic<bool> *>(cancel));
}

QString Database::lastError() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

bool Database::lastErrorWasLock() const
{
    const int code = sqlite3_errcode(m_db) & 0xff;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

bool Database::inTransaction() const
{
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

int Database::lastErrorCode() const
{
    return m_db ? sqlite3_extended_errcode(m_db) : SQLITE_OK;
}

int Database::lastSystemErrno() const
{
    return m_db ? sqlite3_system_errno(m_db) : 0;
}

Transaction::Transaction(Database &db, bool immediate)
    : m_db(db)
{
    m_active = m_db.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN").ok();
}

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::commit()
{
    if (!m_active)
        return makeError(QStringLiteral("no active transaction"));
    m_active = false;
    Status s = m_db.exec("COMMIT");
    if (!s.ok()) {
        // Said before the rollback clears the cause: a full disk or a read-only location.
        Error e = storageError(m_db, s.error().message);
        (void)m_db.exec("ROLLBACK");
        return e;
    }
    return s;
}

void Transaction::rollback()
{
    if (m_active) {
        (void)m_db.exec("ROLLBACK");
        m_active = false;
    }
}

Savepoint::Savepoint(Database &db, const char *name)
    : m_db(db)
    , m_name(name)
{
    m_open = m_db.exec("SAVEPOINT " + m_name).ok();
}

Savepoint::~Savepoint()
{
    rollback();
}

void Savepoint::release()
{
    if (m_open)
        (void)m_db.exec("RELEASE " + m_name);
    m_open = false;
}

void Savepoint::rollback()
{
    if (m_open)
        (void)m_db.exec("ROLLBACK TO " + m_name + "; RELEASE " + m_name);
    m_open = false;
}

} // namespace netcase
