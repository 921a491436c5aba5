#pragma once

// One investigation case: a single SQLite file (*.netcase). Opening validates the file before
// anything is written, refuses files from a newer Netcase, and takes a lock so a second process
// that opens a case being written gets it read-only.

#include "case/caseinfo.h"
#include "case/sqlite.h"
#include "core/result.h"

#include <memory>

class QLockFile;

namespace netcase {

class CaseFile
{
public:
    struct OpenOptions
    {
        bool readOnly = false;     ///< never write (review, info, events)
        bool requireWrite = false; ///< fail with ErrorCode::Locked instead of falling back
        /// A further connection of a process that already holds the case's lock (workers).
        bool alreadyLocked = false;
    };

    CaseFile();
    CaseFile(CaseFile &&) noexcept;
    CaseFile &operator=(CaseFile &&) noexcept;
    ~CaseFile();

    /// Creates a new case; refuses to overwrite an existing file.
    static Result<CaseFile> create(const QString &path, const CaseInfo &info);
    static Result<CaseFile> open(const QString &path, OpenOptions options);
    static Result<CaseFile> open(const QString &path) { return open(path, OpenOptions{}); }

    Database &db() { return m_db; }
    const Database &db() const { return m_db; }
    const QString &path() const { return m_db.path(); }
    bool readOnly() const { return m_db.readOnly(); }
    /// Why the case was opened read-only, empty when it was asked for or it is writable.
    const QString &readOnlyReason() const { return m_readOnlyReason; }

    CaseInfo info() const;
    /// Updates title, authorisation, scope and retention; the change is audited.
    Status setInfo(const CaseInfo &info, const QString &actor);

private:
    Database m_db;
    std::unique_ptr<QLockFile> m_lock;
    QString m_readOnlyReason;
};

/// Checks, without writing, that path is a Netcase case this build can read.
Status checkCaseFile(const QString &path);

} // namespace netcase
