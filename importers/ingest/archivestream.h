#pragma once

// Compressed files and archives read through libarchive: .gz, .bz2, .xz, .zst, .lz4 (one member:
// the decompressed file, or the members of a tar inside), and .zip, .tar, .7z (each regular
// file a member). Containers are recognised by their magic bytes, never by the file name;
// opening one is archiveopen.h.

#include "api/inputstream.h"

#include <QString>

#include <vector>

namespace netcase {

struct ExpansionBudget;

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
    bool cancelled = false;
};

/// The regular files of a container (one for a compressed file). Decompression while listing
/// (a .tar.gz is read through) is bounded by the budget's limits, not counted against it.
ArchiveListing listContainer(const QString &path, const ExpansionBudget *budget = nullptr);

/// Streams one member. Position and size are in bytes of the file on disk, relative to the
/// member's share of it, so progress works as for a plain file. What it expands to is counted
/// against budget (default limits when null); past a limit read() fails with the reason.
Result<std::unique_ptr<InputStream>>
openContainerMember(const QString &path, const QString &member, ExpansionBudget *budget = nullptr);

} // namespace netcase
