#pragma once

// Imports directory context (account, MFA enrolled, device trust, department, last password
// reset) from a CSV export into the case's `directory` table. Header names are matched
// leniently ("user", "UPN", "mfa_enrolled", "MFA enrolled"...); unknown columns are kept in
// `extra` as JSON. One transaction with its audit record: a bad file changes nothing.

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace netcase {

class Database;

struct DirectoryImportSummary
{
    qint64 rows = 0;     ///< data rows read
    qint64 imported = 0; ///< rows written (new or replaced)
    QStringList skipped; ///< "line 7: no account" (first few)
    qint64 skippedCount = 0;
};

class DirectoryImport
{
public:
    /// Reads CSV text (UTF-8, comma or semicolon separated, RFC 4180 quoting).
    static Result<DirectoryImportSummary> importText(Database &db,
                                                     const QByteArray &csv,
                                                     const QString &sourceName,
                                                     const QString &actor);
    static Result<DirectoryImportSummary>
    importFile(Database &db, const QString &path, const QString &actor);
};

} // namespace netcase
