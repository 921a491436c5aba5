#pragma once

// Opening a container with libarchive. The container is recognised by its magic bytes, and only
// the decompressor and format those bytes name are enabled: libarchive's bidders for the other
// formats (mtree, for one) read ahead without bound through a stream of newlines, and its tar
// bidder takes a log starting with 512 zero bytes for an empty tar. A compressed file is one
// member (libarchive's "raw" format) unless its first decompressed block is a tar header.

#include "core/result.h"
#include "ingest/archivestream.h"

#include <QString>

#include <memory>

struct archive;

namespace netcase {

struct ArchiveCloser
{
    void operator()(archive *a) const;
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

/// Opens a container for reading; an error (naming the file) when it is none or is damaged.
Result<ArchivePtr> openArchive(const QString &path);

/// libarchive's last error, or a generic one.
QString archiveError(archive *a);

/// The file name shown in messages.
QString shownName(const QString &path);

} // namespace netcase
