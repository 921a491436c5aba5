#include "filesnapshot.h"

#include "regularfile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netcase {

namespace {

QString systemError(const QString &path, const char *what)
{
    return QStringLiteral("%1: %2 (%3)")
            .arg(path, QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}

bool sameFile(const struct stat &a, const struct stat &b)
{
    return a.st_size == b.st_size && a.st_mtim.tv_sec == b.st_mtim.tv_sec
           && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec && a.st_ino == b.st_ino;
}

class Fd
{
public:
    explicit Fd(int fd)
        : m_fd(fd)
    {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

/// Copies all of src into dst; false with errno set on a read or write error.
bool copyAll(int src, int dst, qint64 &copied)
{
    std::vector<char> buf(1 << 20);
    for (;;) {
        const ssize_t n = ::read(src, buf.data(), buf.size());
        if (n == 0)
            return true;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(dst, buf.data() + done, std::size_t(n - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return false;
            done += w;
        }
        copied += n;
    }
}

} // namespace

FileSnapshot::~FileSnapshot()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

FileSnapshot::FileSnapshot(FileSnapshot &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_size(other.m_size)
{}

FileSnapshot &FileSnapshot::operator=(FileSnapshot &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_size = other.m_size;
    }
    return *this;
}

Result<FileSnapshot> FileSnapshot::take(const QString &path)
{
    if (Status s = requireRegularFile(path); !s)
        return s.error();
    Fd src(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
    if (src.get() < 0)
        return makeError(systemError(path, "cannot be opened"));
    struct stat before
    {
    };
    if (::fstat(src.get(), &before) != 0)
        return makeError(systemError(path, "cannot be read"));
    Fd mem(::memfd_create("netcase-snapshot", MFD_CLOEXEC | MFD_ALLOW_SEALING));
    if (mem.get() < 0)
        return makeError(systemError(path, "no memory for a private copy"));
    qint64 copied = 0;
    if (!copyAll(src.get(), mem.get(), copied))
        return makeError(systemError(path, "could not be copied"));
    struct stat after
    {
    };
    if (::fstat(src.get(), &after) != 0 || !sameFile(before, after) || copied != before.st_size)
        return makeError(QStringLiteral("%1 changed while it was read (another program is "
                                        "writing it); try again when it is complete")
                                 .arg(path));
    if (::fcntl(mem.get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL)
        != 0)
        return makeError(systemError(path, "the private copy could not be sealed"));
    FileSnapshot snap;
    snap.m_fd = mem.release();
    snap.m_size = copied;
    return snap;
}

QString FileSnapshot::procPath() const
{
    return QStringLiteral("/proc/self/fd/%1").arg(m_fd);
}

} // namespace netcase
