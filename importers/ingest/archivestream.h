#pragma once

// Compressed files and archives read through libarchive: .gz, .bz2, .xz, .zst, .lz4 (one member:
// the decompressed file), and .zip, .tar, .tar.gz, .7z ... (each regular file a member).
// Containers are recognised by their magic bytes, never by the file name.

#include "api/inputstream.h"

#include <QString>

#include <vector>

namespace netcase {

enum class ContainerKind { Plain, Compressed, Archive };

/// What the file at path holds, from its first bytes. Plain when it cannot be read.
ContainerKind sniffContainer(const QString &path);

struct ArchiveMember
{
    QString name; ///< path inside the archive; for a compressed file, its name minus the suffix
    std::int64_t span = 0; ///< bytes of the file on disk that hold it (for progress)
};

struct ArchiveListing
{
    std::vector<ArchiveMember> members;
    QString error; ///< non-empty when the container is damaged (members holds what came before)
};

/// The regular files of a container (one for a compressed file).
ArchiveListing listContainer(const QString &path);

/// Streams one member. Position and size are in bytes of the file on disk, relative to the
/// member's share of it, so progress works as for a plain file.
Result<std::unique_ptr<InputStream>> openContainerMember(const QString &path,
                                                         const QString &member);

} // namespace netcase
