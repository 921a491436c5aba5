#pragma once

// A private, sealed in-memory copy of a file, for readers that memory-map their input
// (libmaxminddb). A database truncated or rewritten in place while it is mapped kills the
// process with SIGBUS; a snapshot cannot change under the reader: it lives in a memfd that is
// sealed against writes, growth and shrinking once filled.

#include "core/result.h"

#include <QString>

namespace netcase {

class FileSnapshot
{
public:
    FileSnapshot() = default;
    ~FileSnapshot();
    FileSnapshot(FileSnapshot &&other) noexcept;
    FileSnapshot &operator=(FileSnapshot &&other) noexcept;
    FileSnapshot(const FileSnapshot &) = delete;
    FileSnapshot &operator=(const FileSnapshot &) = delete;

    /// Copies path into a sealed memfd. Fails (with the path in the message) when the file
    /// cannot be read, is not a regular file, or changed size or time while it was copied.
    static Result<FileSnapshot> take(const QString &path);

    /// A path that opens the snapshot ("/proc/self/fd/N"), valid while this object lives.
    QString procPath() const;
    qint64 size() const { return m_size; }

private:
    int m_fd = -1;
    qint64 m_size = 0;
};

} // namespace netcase
