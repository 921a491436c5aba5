#include "inputstream.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netcase {

namespace {

class FileStream final : public InputStream
{
public:
    FileStream(int fd, std::int64_t size)
        : m_fd(fd)
        , m_size(size)
    {}
    ~FileStream() override { ::close(m_fd); }

    std::int64_t read(char *buffer, std::int64_t n) override
    {
        for (;;) {
            const ssize_t r = ::read(m_fd, buffer, size_t(n));
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                m_error = QString::fromLocal8Bit(std::strerror(errno));
                return -1;
            }
            m_pos += r;
            return r;
        }
    }
    std::int64_t position() const override { return m_pos; }
    std::int64_t size() const override { return m_size; }
    QString errorString() const override { return m_error; }
    QString sameFilePath() const override
    {
        // The open descriptor, not the name: a file renamed or replaced since it was opened
        // is still the one being hashed.
        const QString p = QStringLiteral("/proc/self/fd/%1").arg(m_fd);
        return ::access(QFile::encodeName(p).constData(), R_OK) == 0 ? p : QString();
    }

private:
    int m_fd;
    std::int64_t m_size;
    std::int64_t m_pos = 0;
    QString m_error;
};

class MemoryStream final : public InputStream
{
public:
    explicit MemoryStream(std::string data)
        : m_data(std::move(data))
    {}
    std::int64_t read(char *buffer, std::int64_t n) override
    {
        const std::int64_t k = std::min<std::int64_t>(n, std::int64_t(m_data.size()) - m_pos);
        std::memcpy(buffer, m_data.data() + m_pos, size_t(k));
        m_pos += k;
        return k;
    }
    std::int64_t position() const override { return m_pos; }
    std::int64_t size() const override { return std::int64_t(m_data.size()); }
    QString errorString() const override { return {}; }

private:
    std::string m_data;
    std::int64_t m_pos = 0;
};

} // namespace

Result<std::unique_ptr<InputStream>> openFileStream(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(QStringLiteral("%1: cannot open (%2)")
                                 .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError(QStringLiteral("%1: not a regular file").arg(path));
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return std::unique_ptr<InputStream>(std::make_unique<FileStream>(fd, std::int64_t(st.st_size)));
}

std::unique_ptr<InputStream> memoryStream(std::string data)
{
    return std::make_unique<MemoryStream>(std::move(data));
}

} // namespace netcase
