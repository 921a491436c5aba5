#pragma once

// What an import reads: files given by the user, folders expanded to their files, and (through
// libarchive) members of archives and compressed files.

#include "api/inputstream.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace netcase {

struct ExpansionBudget;

struct InputItem
{
    QString path;   ///< the file on disk
    QString member; ///< member inside an archive or compressed file, empty for a plain file
    std::int64_t size = 0;

    QString displayName() const;
};

struct ExpandOptions
{
    /// Import files a folder links to outside itself. Off: they are skipped and reported, so
    /// that a link to /etc/passwd in a collected folder does not pull it into the case.
    bool followLinks = false;
    /// Decompression limits and cancel for listing archives; default limits when null.
    const ExpansionBudget *budget = nullptr;
};

struct ExpandedInputs
{
    std::vector<InputItem> items;
    QStringList skipped; ///< what was left out, and why, one line each
};

/// Expands folders (recursively, sorted) and archives into items. Unreadable paths, and paths
/// that are neither a regular file nor a folder (a FIFO, a device), are errors.
Result<ExpandedInputs> expandInputs(const QStringList &paths, const ExpandOptions &options);
/// The same with default options, skipped files left unsaid.
Result<std::vector<InputItem>> expandInputs(const QStringList &paths);

/// Opens one item for streaming; what it expands to is counted against budget when given.
Result<std::unique_ptr<InputStream>> openInput(const InputItem &item,
                                               ExpansionBudget *budget = nullptr);

/// How much of an item format detection reads.
constexpr std::int64_t kSampleBytes = std::int64_t{64} * 1024;
/// The first kSampleBytes of an item (decompressed), as format detection sees them.
Result<std::string> readSample(const InputItem &item, ExpansionBudget *budget = nullptr);

} // namespace netcase
