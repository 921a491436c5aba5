#pragma once

// Encryption at rest (docs/AUDIT.md, "Encryption at rest"): an encrypted case file is a SQLCipher
// database. Netcase's SQLite (3.40) cannot read it and SQLCipher's (3.15) cannot run Netcase, so
// while the case is open Netcase works on a plaintext working copy in a private RAM-backed
// folder, and the separate program netcase-sqlcipher (model/cipher) decrypts the case into it and
// encrypts it back. This is the one place that does either; CaseFile uses it for the CLI and the
// GUI alike.

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QLockFile;

namespace netcase::crypt {

/// True for a file that is not a plain SQLite database but could be a SQLCipher one: it does not
/// start with "SQLite format 3\0" and is a whole number of 512-byte pages (not empty).
bool looksEncrypted(const QString &path);

/// "SQLCipher 3.4.1, AES-256-CBC" as netcase-sqlcipher reports it; an error when it is missing.
Result<QString> cipherDescription();

/// Runs program instead of netcase-sqlcipher (tests: a helper that dies half-way); empty resets.
void setHelperProgramForTesting(const QString &program);

/// The plaintext copy of one opened encrypted case. Removed (with its -wal, -shm and folder) when
/// the last owner lets go; a copy left by a killed process is removed by the next opening.
class WorkingCopy
{
public:
    ~WorkingCopy();
    WorkingCopy(const WorkingCopy &) = delete;
    WorkingCopy &operator=(const WorkingCopy &) = delete;

    /// Decrypts the case into a new working copy. Wrong passphrase or not an encrypted case:
    /// "wrong passphrase or not a Netcase case" (ErrorCode::Data).
    static Result<std::shared_ptr<WorkingCopy>> decrypt(const QString &casePath,
                                                        const QByteArray &passphrase);
    /// A working copy path for a case still to be created at casePath (nothing is there yet).
    static Result<std::shared_ptr<WorkingCopy>> fresh(const QString &casePath,
                                                      const QByteArray &passphrase);

    const QString &path() const { return m_path; }         ///< the plaintext working copy
    const QString &casePath() const { return m_casePath; } ///< the encrypted case file
    const QString &folder() const { return m_dir; }        ///< the private folder holding it

    /// Encrypts the working copy into a temporary file beside the case, fsyncs it and renames it
    /// over the case (then fsyncs the folder): an interrupted save leaves the last saved case.
    Status save() const;

    /// The lock of a case opened for writing: held until the working copy is saved and gone.
    void keepLock(std::unique_ptr<QLockFile> lock);

private:
    WorkingCopy() = default;
    static Result<std::shared_ptr<WorkingCopy>> make(const QString &casePath,
                                                     const QByteArray &passphrase);

    QString m_casePath;
    QString m_dir;
    QString m_path;
    QByteArray m_passphrase;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace netcase::crypt
