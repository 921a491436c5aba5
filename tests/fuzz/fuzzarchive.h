#pragma once

// The body of the container harness (and of its regression replay): arbitrary bytes taken as a
// file, recognised by their magic bytes, listed, and every member read to its end through the
// import's own archive code with small expansion limits. A crash, a sanitizer report, a hang or
// an allocation past libFuzzer's limit is a finding; refusing the input is not.

#include "api/inputstream.h"
#include "ingest/archivestream.h"
#include "ingest/expansion.h"

#include <QString>

#include <cstdint>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

namespace netcase::fuzz {

/// Reads every member of the container at path; returns the expanded bytes read.
inline std::int64_t readContainer(const QString &path)
{
    if (sniffContainer(path) == ContainerKind::Plain)
        return 0;
    ExpansionBudget budget;
    budget.maxTotal = std::int64_t{16} << 20; // a bomb is refused well inside libFuzzer's RSS cap
    const ArchiveListing listing = listContainer(path, &budget);
    std::int64_t total = 0;
    std::vector<char> buf(1 << 16);
    int opened = 0;
    for (const ArchiveMember &m : listing.members) {
        if (++opened > 32)
            break;
        auto stream = openContainerMember(path, m.name, &budget);
        if (!stream)
            continue;
        for (std::int64_t n; (n = (*stream)->read(buf.data(), std::int64_t(buf.size()))) > 0;)
            total += n;
        if ((*stream)->position() < 0)
            __builtin_trap();
    }
    return total;
}

inline int fuzzContainer(const std::uint8_t *data, size_t size)
{
    const int fd = ::memfd_create("fuzz-container", MFD_CLOEXEC);
    if (fd < 0)
        return 0;
    for (size_t done = 0; done < size;) {
        const ssize_t w = ::write(fd, data + done, size - done);
        if (w <= 0)
            break;
        done += size_t(w);
    }
    (void)readContainer(QStringLiteral("/proc/self/fd/%1").arg(fd));
    ::close(fd);
    return 0;
}

} // namespace netcase::fuzz
