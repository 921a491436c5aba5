#pragma once

// One investigation case: a single SQLite file (*.netcase). Opening validates the file before
// anything is written, refuses files from a newer Netcase, and takes a lock so a second process
// that opens a case being written gets it read-only. An encrypted case (model/case/encryptedcase)
// is opened through a plaintext working copy: db() and path() are the copy's, casePath() the
// file the user named; saveEncrypted() writes the copy back.

#include "case/caseinfo.h"
#include "case/sqlite.h"
#include "core/result.h"

#include <QByteArray>

#include <memory>

class QLockFile;

namespace netcase {

namespace crypt {
class WorkingCopy;
}

class CaseFile
{
public:
    struct OpenOptions
    {
        bool readOnly = false;     ///< never write (review, info, events)
        bool requireWrite = false; ///< fail with ErrorCode::Locked instead of falling back
        /// A further connection of a process that already holds the case's lock (workers).
        bool alreadyLocked = false;
        QByteArray passphrase; ///< for an encrypted case (crypt::looksEncrypted)
    };

    CaseFile();
    CaseFile(CaseFile &&) noexcept;
    CaseFile &operator=(CaseFile &&) noexcept;
    ~CaseFile();

    /// Creates a new case; refuses to overwrite an existing file.
    static Result<CaseFile> create(const QString &path, const CaseInfo &info);
    /// Creates a new encrypted case: built in a working copy, then encrypted to path.
    static Result<CaseFile>
    createEncrypted(const QString &path, const CaseInfo &info, const QByteArray &passphrase);
    static Result<CaseFile> open(const QString &path, OpenOptions options);
    static Result<CaseFile> open(const QString &path) { return open(path, OpenOptions{}); }

    Database &db() { return m_db; }
    const Database &db() const { return m_db; }
    /// The database file: for an encrypted case its plaintext working copy.
    const QString &path() const { return m_db.path(); }
    /// The case file the user named (the encrypted file for an encrypted case).
    QString casePath() const;
    bool encrypted() const { return bool(m_copy); }
    /// Encrypts the working copy over the case file; nothing to do for a plain case.
    Status saveEncrypted() const;
    /// The working copy, shared so that a caller can save it after every connection is closed
    /// (it is removed, and the case's lock released, when its last owner lets go).
    std::shared_ptr<crypt::WorkingCopy> workingCopy() const { return m_copy; }
    bool readOnly() const { return m_db.readOnly(); }
    /// Why the case was opened read-only, empty when it was asked for or it is writable.
    const QString &readOnlyReason() const { return m_readOnlyReason; }

    CaseInfo info() const;
    /// Updates title, authorisation, scope and retention; the change is audited.
    Status setInfo(const CaseInfo &info, const QString &actor);

private:
    // Declared first so that it goes last: the database is closed before the copy is removed.
    std::shared_ptr<crypt::WorkingCopy> m_copy;
    Database m_db;
    std::unique_ptr<QLockFile> m_lock;
    QString m_readOnlyReason;
};

/// Checks, without writing, that path is a Netcase case this build can read.
Status checkCaseFile(const QString &path);

} // namespace netcase
