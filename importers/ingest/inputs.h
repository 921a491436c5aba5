#pragma once

// What an import reads: files given by the user, folders expanded to their files, and (through
// libarchive) members of archives and compressed files.

#include "api/inputstream.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace netcase {

struct InputItem
{
    QString path;   ///< the file on disk
    QString member; ///< member inside an archive or compressed file, empty for a plain file
    std::int64_t size = 0;

    QString displayName() const;
};

/// Expands folders (recursively, sorted) and archives into items. Unreadable paths are errors.
Result<std::vector<InputItem>> expandInputs(const QStringList &paths);

/// Opens one item for streaming.
Result<std::unique_ptr<InputStream>> openInput(const InputItem &item);

/// How much of an item format detection reads.
constexpr std::int64_t kSampleBytes = std::int64_t{64} * 1024;
/// The first kSampleBytes of an item (decompressed), as format detection sees them.
Result<std::string> readSample(const InputItem &item);

} // namespace netcase
