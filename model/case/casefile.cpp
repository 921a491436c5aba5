#include "casefile.h"

#include "audit/auditlog.h"
#include "case/caselock.h"
#include "case/encryptedcase.h"
#include "case/migrations.h"
#include "case/retention.h"
#include "case/settingsstore.h"
#include "case/storageerror.h"
#include "core/identity.h"
#include "core/timeutil.h"
#include "store/eventstore.h"

#include <QFile>
#include <QFileInfo>
#include <QLockFile>

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

Status configure(Database &db)
{
    if (Status s = db.exec("PRAGMA foreign_keys = ON"); !s.ok())
        return s;
    if (!db.readOnly()) {
        if (Status s = db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL"); !s.ok())
            return s;
    }
    return db.exec("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY");
}

} // namespace

CaseFile::CaseFile() = default;
CaseFile::CaseFile(CaseFile &&) noexcept = default;
CaseFile &CaseFile::operator=(CaseFile &&) noexcept = default;
CaseFile::~CaseFile() = default;

namespace {

// A big-endian 32-bit field of the 100-byte SQLite header (user_version at 60,
// application_id at 68).
std::int64_t headerField(const QByteArray &header, int offset)
{
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v = (v << 8) | std::uint8_t(header[offset + i]);
    return std::int32_t(v);
}

QString newerMessage(const QString &path, int version)
{
    return QStringLiteral("%1 was written by a newer Netcase (case schema %2; this Netcase %3 "
                          "reads up to schema %4). Update Netcase to open it.")
            .arg(path)
            .arg(version)
            .arg(QStringLiteral(NETCASE_VERSION))
            .arg(kSchemaVersion);
}

/// A large import alone on a case writes through a rollback journal (BulkWriteScope) and holds
/// the file's lock until it commits: say so rather than call the case damaged.
Error lockedMessage(const QString &path)
{
    const auto holder = caseLockHolder(path);
    return makeError(QStringLiteral("%1 is being written by another Netcase process%2 (an import "
                                    "commits at its end); it can be read once that finishes")
                             .arg(path, holder ? QStringLiteral(" (%1)").arg(
                                                describeLockHolder(path, *holder))
                                               : QString()),
                     ErrorCode::Locked);
}

/// Why the case cannot be written here, empty when it can.
QString unwritableDetail(const QString &path)
{
    const QFileInfo file(path);
    if (!file.isWritable())
        return QStringLiteral("the file is not writable");
    if (!QFileInfo(file.absolutePath()).isWritable())
        return QStringLiteral("its folder %1 is not writable").arg(file.absolutePath());
    return {};
}

Status checkWithSqlite(const QString &path)
{
    // A rollback journal left by an interrupted bulk import (BulkWriteScope) is "hot": the first
    // connection that reads the file rolls it back, restoring the case as it was before that
    // import. SQLite refuses that to a read-only connection (SQLITE_READONLY_ROLLBACK), so the
    // check reads through a writable one then.
    const bool hotJournal = QFileInfo(path + QStringLiteral("-journal")).size() > 0;
    if (hotJournal && !QFileInfo(path).isWritable())
        return makeError(QStringLiteral("%1 was interrupted while being written and needs write "
                                        "access once to be restored to its last saved state")
                                 .arg(path),
                         ErrorCode::Locked);
    auto db = Database::open(path,
                             hotJournal ? Database::Mode::ReadWrite : Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    Statement st = db->prepare("PRAGMA application_id");
    if (!st.valid() || !st.step()) {
        if (db->lastErrorWasLock())
            return lockedMessage(path);
        if (const auto fault = classifyStorageFault(db->lastErrorCode(), db->lastSystemErrno());
            fault != StorageFault::None)
            return storageError(fault, path, db->lastError());
        return makeError(
                QStringLiteral("%1 is damaged and cannot be read: %2").arg(path, db->lastError()));
    }
    if (st.int64(0) != kApplicationId)
        return makeError(
                QStringLiteral("%1 is an SQLite database but not a Netcase case file").arg(path));
    const int version = int(db->scalar("PRAGMA user_version", -1));
    if (version > kSchemaVersion)
        return makeError(newerMessage(path, version));
    Statement check = db->prepare("SELECT count(*) FROM case_info");
    if (!check.valid() || !check.step()) {
        if (db->lastErrorWasLock())
            return lockedMessage(path);
        return makeError(QStringLiteral("%1 is damaged: %2").arg(path, db->lastError()));
    }
    return {};
}

} // namespace

Status checkCaseFile(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return makeError(QStringLiteral("%1: no such case file").arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString()));
    const QByteArray header = f.read(100);
    if (header.size() < 100 || !header.startsWith(QByteArrayLiteral("SQLite format 3\0")))
        return makeError(
                QStringLiteral("%1 is not a Netcase case file (not an SQLite database)").arg(path));
    f.close();
    // Refuse what the header already tells, without SQLite touching the folder.
    if (headerField(header, 68) != kApplicationId)
        return makeError(
                QStringLiteral("%1 is an SQLite database but not a Netcase case file").arg(path));
    if (const auto version = headerField(header, 60); version > kSchemaVersion)
        return makeError(newerMessage(path, int(version)));

    // A bulk import by another process holds an exclusive lock until it commits: say so at
    // once rather than wait out SQLite's busy timeout.
    if (const auto holder = caseLockHolder(path); holder && bulkImportRunning(path, *holder))
        return makeError(QStringLiteral("%1 is being imported into by another Netcase process "
                                        "(%2); it can be read when that import ends")
                                 .arg(path, describeLockHolder(path, *holder)),
                         ErrorCode::Locked);

    // The rest needs SQLite (the WAL may hold newer pages). Opening a WAL-mode file creates the
    // -wal and -shm files beside it; a refused file gets them removed again if they are ours.
    const QString wal = path + QStringLiteral("-wal"), shm = path + QStringLiteral("-shm");
    const bool hadWal = QFileInfo::exists(wal), hadShm = QFileInfo::exists(shm);
    Status s = checkWithSqlite(path);
    if (!s.ok()) {
        if (!hadWal && QFileInfo(wal).size() == 0)
            QFile::remove(wal);
        if (!hadShm)
            QFile::remove(shm);
    }
    return s;
}

Result<CaseFile> CaseFile::create(const QString &path, const CaseInfo &info)
{
    if (QFileInfo::exists(path))
        return makeError(QStringLiteral("%1 already exists; choose another name").arg(path),
                         ErrorCode::Usage);
    // Private from the start: the file is made mode 0600 before SQLite writes into it, and
    // SQLite gives its -wal and -shm files the mode of the database file.
    {
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    auto db = Database::open(path, Database::Mode::Create);
    if (!db) {
        QFile::remove(path);
        return db.error();
    }
    CaseFile c;
    c.m_db = std::move(db.value());
    c.m_lock = std::make_unique<QLockFile>(caseLockPath(path));
    c.m_lock->setStaleLockTime(0);
    if (c.m_lock->tryLock(0))
        QFile::setPermissions(caseLockPath(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    auto fail = [&](const Error &e) -> Result<CaseFile> {
        c.m_db = Database();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        return e;
    };
    if (Status s = c.m_db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        !s.ok())
        return fail(s.error());
    if (Status s = configure(c.m_db); !s.ok())
        return fail(s.error());
    if (Status s = migrate(c.m_db); !s.ok())
        return fail(s.error());
    if (Status s = attachEventStore(c.m_db); !s.ok())
        return fail(s.error());

    CaseInfo stored = info;
    stored.createdAt = nowIso();
    stored.createdBy = currentUserName();
    stored.netcaseVersion = QStringLiteral(NETCASE_VERSION);
    Statement st = c.m_db.prepare(
            "INSERT INTO case_info(id, title, authorization_ref, scope, retention_date, "
            "created_at, created_by, netcase_version) VALUES (1, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, stored.title).bind(2, stored.authorization).bind(3, stored.scope);
    st.bind(4, stored.retentionDate).bind(5, stored.createdAt).bind(6, stored.createdBy);
    st.bind(7, stored.netcaseVersion);
    if (Status s = st.exec(); !s.ok())
        return fail(s.error());
    nlohmann::json payload = {{"title", stored.title.toStdString()},
                              {"authorization", stored.authorization.toStdString()},
                              {"scope", stored.scope.toStdString()},
                              {"retention_date", stored.retentionDate.toStdString()}};
    // Kept in settings (under the chain from this first record on): case_info has no column.
    if (stored.authorization.isEmpty() && !stored.noAuthorizationReason.isEmpty()) {
        if (Status s = SettingsStore::put(c.m_db, QStringLiteral("case.no_authorization"),
                                          stored.noAuthorizationReason.toStdString());
            !s.ok())
            return fail(s.error());
        payload["no_authorization_reason"] = stored.noAuthorizationReason.toStdString();
    }
    if (Status s
        = AuditLog::append(c.m_db, stored.createdBy, QStringLiteral("case.create"), payload);
        !s.ok())
        return fail(s.error());
    return c;
}

Result<CaseFile> CaseFile::open(const QString &givenPath, OpenOptions options)
{
    // The lock file sits beside the real file: a case reached through a symlink (or another
    // name for the same file) must meet the lock of a process that opened it by its own name.
    const QString real = QFileInfo(givenPath).canonicalFilePath();
    const QString path = real.isEmpty() ? givenPath : real;
    const bool encrypted = crypt::looksEncrypted(path);
    if (!encrypted) {
        if (Status s = checkCaseFile(path); !s.ok())
            return s.error();
    } else if (options.passphrase.isEmpty()) {
        return makeError(QStringLiteral("%1 is not a Netcase case (not an SQLite database) "
                                        "unless it is an encrypted one: its passphrase is needed")
                                 .arg(path),
                         ErrorCode::Data);
    }

    CaseFile c;
    bool readOnly = options.readOnly;
    if (!readOnly && !options.alreadyLocked) {
        // A read-only file or folder first: the lock file cannot be made in such a folder, and
        // that is no other process's doing.
        if (const QString detail = unwritableDetail(path); !detail.isEmpty()) {
            Error e = storageError(StorageFault::ReadOnly, path, detail);
            if (options.requireWrite)
                return e;
            c.m_readOnlyReason = e.message;
            readOnly = true;
        }
    }
    if (!readOnly && !options.alreadyLocked) {
        c.m_lock = std::make_unique<QLockFile>(caseLockPath(path));
        c.m_lock->setStaleLockTime(0);
        if (c.m_lock->tryLock(0))
            QFile::setPermissions(caseLockPath(path),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!c.m_lock->isLocked()) {
            const auto holder = caseLockHolder(path);
            const QString why = QStringLiteral("%1 is being written by another Netcase process%2")
                                        .arg(path, holder ? QStringLiteral(" (%1)").arg(
                                                           describeLockHolder(path, *holder))
                                                          : QString());
            if (options.requireWrite)
                return makeError(why + QStringLiteral("; try again when it has finished"),
                                 ErrorCode::Locked);
            c.m_lock.reset();
            c.m_readOnlyReason = why + QStringLiteral("; opened read-only");
            readOnly = true;
        }
    }
    QString dbPath = path;
    if (encrypted) {
        // Decrypted after the lock is taken: a writer works on the latest saved version.
        auto copy = crypt::WorkingCopy::decrypt(path, options.passphrase);
        if (!copy)
            return copy.error();
        c.m_copy = std::move(copy.value());
        if (c.m_lock)
            c.m_copy->keepLock(std::move(c.m_lock)); // until the copy is saved and removed
        dbPath = c.m_copy->path();
        if (Status s = checkCaseFile(dbPath); !s.ok())
            return s.error();
    }
    auto db = Database::open(dbPath,
                             readOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWrite);
    if (!db)
        return db.error();
    c.m_db = std::move(db.value());
    if (Status s = configure(c.m_db); !s.ok())
        return makeError(QStringLiteral("%1: %2").arg(path, s.error().message));
    if (!readOnly) {
        if (Status s = migrate(c.m_db); !s.ok())
            return s.error();
        // Each time a case is opened for writing is part of the audit trail (workers are
        // further connections of one opening, so they are not recorded again).
        if (!options.alreadyLocked) {
            Transaction tx(c.m_db);
            if (Status s = AuditLog::append(c.m_db, currentUserName(), QStringLiteral("case.open"),
                                            {{"netcase_version", NETCASE_VERSION}});
                !s.ok())
                return s.error();
            if (Status s = tx.commit(); !s.ok())
                return s.error();
        }
    } else if (c.m_db.scalar("PRAGMA user_version") < kOldestReadableSchema) {
        return makeError(QStringLiteral("%1 uses an older case schema: upgrade it once with "
                                        "`netcase upgrade CASE` or by opening it in Netcase")
                                 .arg(path),
                         ErrorCode::Locked);
    }
    if (Status s = attachEventStore(c.m_db); !s.ok())
        return makeError(QStringLiteral("%1: %2").arg(path, s.error().message));
    return c;
}

Result<CaseFile>
CaseFile::createEncrypted(const QString &path, const CaseInfo &info, const QByteArray &passphrase)
{
    auto copy = crypt::WorkingCopy::fresh(path, passphrase);
    if (!copy)
        return copy.error();
    auto lock = std::make_unique<QLockFile>(caseLockPath(path));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0))
        return makeError(QStringLiteral("%1 is being created by another Netcase process").arg(path),
                         ErrorCode::Locked);
    QFile::setPermissions(caseLockPath(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    (*copy)->keepLock(std::move(lock));
    auto c = create((*copy)->path(), info);
    if (!c)
        return c;
    c->m_copy = std::move(copy.value());
    if (Status s = c->saveEncrypted(); !s.ok())
        return s.error();
    return c;
}

QString CaseFile::casePath() const
{
    return m_copy ? m_copy->casePath() : m_db.path();
}

Status CaseFile::saveEncrypted() const
{
    if (!m_copy || readOnly())
        return {};
    return m_copy->save();
}

CaseInfo CaseFile::info() const
{
    CaseInfo i;
    Statement st = m_db.prepare("SELECT title, authorization_ref, scope, retention_date, "
                                "created_at, created_by, netcase_version FROM case_info");
    if (st.step()) {
        i.title = st.text(0);
        i.authorization = st.text(1);
        i.scope = st.text(2);
        i.retentionDate = st.text(3);
        i.createdAt = st.text(4);
        i.createdBy = st.text(5);
        i.netcaseVersion = st.text(6);
    }
    if (const auto reason = SettingsStore::get(m_db, QStringLiteral("case.no_authorization")))
        i.noAuthorizationReason = QString::fromStdString(*reason);
    if (const retention::Preservation p = retention::preservation(m_db); p.preserved)
        i.preserveReason = p.reason;
    i.purgedAt = retention::purgedAt(m_db);
    return i;
}

Status CaseFile::setInfo(const CaseInfo &info, const QString &actor)
{
    if (readOnly())
        return makeError(QStringLiteral("the case is read-only"), ErrorCode::Locked);
    const CaseInfo before = this->info();
    Transaction tx(m_db);
    Statement st = m_db.prepare("UPDATE case_info SET title = ?, authorization_ref = ?, "
                                "scope = ?, retention_date = ? WHERE id = 1");
    st.bind(1, info.title).bind(2, info.authorization).bind(3, info.scope);
    st.bind(4, info.retentionDate);
    if (Status s = st.exec(); !s.ok())
        return s;
    auto pair = [](const QString &a, const QString &b) {
        return nlohmann::json{{"before", a.toStdString()}, {"after", b.toStdString()}};
    };
    nlohmann::json payload = {{"title", pair(before.title, info.title)},
                              {"authorization", pair(before.authorization, info.authorization)},
                              {"scope", pair(before.scope, info.scope)},
                              {"retention_date", pair(before.retentionDate, info.retentionDate)}};
    if (Status s = AuditLog::append(m_db, actor, QStringLiteral("case.properties"), payload);
        !s.ok())
        return s;
    return tx.commit();
}

} // namespace netcase
