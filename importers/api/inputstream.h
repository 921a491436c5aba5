#pragma once

// A byte stream an importer reads from: a plain file, or a member of an archive or a compressed
// file (libarchive). Progress is reported in bytes of the underlying file.

#include "core/result.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace netcase {

class InputStream
{
public:
    virtual ~InputStream() = default;
    /// Reads up to n bytes; returns 0 at the end and -1 on error (see errorString()).
    virtual std::int64_t read(char *buffer, std::int64_t n) = 0;
    /// Bytes of the underlying file consumed so far (for progress).
    virtual std::int64_t position() const = 0;
    /// Size of the underlying file in bytes.
    virtual std::int64_t size() const = 0;
    virtual QString errorString() const = 0;
    /// A path that opens the very file whose bytes this stream gives unchanged (a plain file,
    /// not an archive member, not transcoded), for readers that need a file (libevtx); empty
    /// otherwise. Reading through the stream is still what hashes the source.
    virtual QString sameFilePath() const { return {}; }
};

/// Opens a plain file for streaming.
Result<std::unique_ptr<InputStream>> openFileStream(const QString &path);

/// A stream over bytes in memory (tests, fuzzing, previews).
std::unique_ptr<InputStream> memoryStream(std::string data);

} // namespace netcase
