#include "encryptedcase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

namespace netcase::crypt {

namespace {

QString &helperOverride()
{
    static QString program;
    return program;
}

QString helperProgram()
{
    if (!helperOverride().isEmpty())
        return helperOverride();
    const QString name = QStringLiteral("netcase-sqlcipher");
    // Beside the executable (installed in bin/, and the build tree's bin/), else on PATH, else
    // the build tree's (tests).
    if (QCoreApplication::instance()) {
        const QString beside = QCoreApplication::applicationDirPath() + QLatin1Char('/') + name;
        if (QFileInfo(beside).isExecutable())
            return beside;
    }
    const QString onPath = QStandardPaths::findExecutable(name);
#ifdef NETCASE_SQLCIPHER_BUILT
    if (onPath.isEmpty() && QFileInfo(QStringLiteral(NETCASE_SQLCIPHER_BUILT)).isExecutable())
        return QStringLiteral(NETCASE_SQLCIPHER_BUILT);
#endif
    return onPath;
}

struct HelperRun
{
    int exitCode = 1;
    QString message;
    QByteArray output;
};

/// Runs netcase-sqlcipher with the passphrase on its standard input.
HelperRun runHelper(const QStringList &args, const QByteArray &passphrase)
{
    HelperRun r;
    const QString program = helperProgram();
    if (program.isEmpty()) {
        r.message = QStringLiteral("netcase-sqlcipher, which encrypts and decrypts cases, is not "
                                   "installed beside netcase");
        return r;
    }
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(-1)) {
        r.message = QStringLiteral("cannot run %1: %2").arg(program, p.errorString());
        return r;
    }
    p.write(passphrase);
    p.closeWriteChannel();
    p.waitForFinished(-1);
    r.output = p.readAllStandardOutput();
    const QString err = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit) {
        r.message = QStringLiteral("netcase-sqlcipher stopped before it finished");
        return r;
    }
    r.exitCode = p.exitCode();
    r.message = err.section(QStringLiteral("netcase-sqlcipher: "), -1);
    return r;
}

bool ramBacked(const QByteArray &dir)
{
    struct statfs s
    {
    };
    return ::statfs(dir.constData(), &s) == 0
           && (s.f_type == TMPFS_MAGIC || s.f_type == RAMFS_MAGIC);
}

/// A folder of ours (owned, mode 0700) made if missing.
bool privateFolder(const QByteArray &dir)
{
    ::mkdir(dir.constData(), 0700);
    struct stat st
    {
    };
    return ::lstat(dir.constData(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::getuid()
           && (st.st_mode & 0077) == 0;
}

/// Where working copies live: $XDG_RUNTIME_DIR/netcase-work when that is in RAM, else
/// /dev/shm/netcase-UID; never on the persistent disk. Empty when neither is possible.
QByteArray workBase()
{
    const QByteArray xdg = qgetenv("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty() && ramBacked(xdg) && privateFolder(xdg + "/netcase-work"))
        return xdg + "/netcase-work";
    const QByteArray shm = "/dev/shm/netcase-" + QByteArray::number(uint(::getuid()));
    if (ramBacked("/dev/shm") && privateFolder(shm))
        return shm;
    return {};
}

/// Removes the working copies of processes that are gone (killed before they could).
void sweepStale(const QByteArray &base)
{
    const QDir dir(QString::fromLocal8Bit(base));
    for (const QString &name : dir.entryList({QStringLiteral("case-*")}, QDir::Dirs)) {
        bool ok = false;
        const qint64 pid = name.section(QLatin1Char('-'), 1, 1).toLongLong(&ok);
        if (ok && pid != ::getpid() && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
            QDir(dir.filePath(name)).removeRecursively();
    }
}

void syncFolder(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

bool looksEncrypted(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const qint64 size = f.size();
    return size >= 512 && size % 512 == 0
           && !f.read(16).startsWith(QByteArrayLiteral("SQLite format 3\0"));
}

Result<QString> cipherDescription()
{
    const HelperRun r = runHelper({QStringLiteral("version")}, {});
    if (r.exitCode != 0)
        return makeError(r.message);
    const QStringList parts = QString::fromUtf8(r.output).trimmed().split(QLatin1Char(' '));
    return QStringLiteral("SQLCipher %1, %2").arg(parts.value(0), parts.value(1));
}

void setHelperProgramForTesting(const QString &program)
{
    helperOverride() = program;
}

WorkingCopy::~WorkingCopy()
{
    if (!m_dir.isEmpty())
        QDir(m_dir).removeRecursively();
    m_passphrase.fill('\0');
}

Result<std::shared_ptr<WorkingCopy>> WorkingCopy::make(const QString &casePath,
                                                       const QByteArray &passphrase)
{
    if (passphrase.isEmpty())
        return makeError(QStringLiteral("%1 is encrypted: its passphrase is needed").arg(casePath),
                         ErrorCode::Data);
    const QByteArray base = workBase();
    if (base.isEmpty())
        return makeError(QStringLiteral("no private RAM-backed folder for the working copy of an "
                                        "encrypted case (neither $XDG_RUNTIME_DIR nor /dev/shm "
                                        "is a tmpfs of this user's)"));
    sweepStale(base);
    QByteArray pattern = base + "/case-" + QByteArray::number(qint64(::getpid())) + "-XXXXXX";
    if (!::mkdtemp(pattern.data()))
        return makeError(QStringLiteral("cannot make a folder for the working copy in %1: %2")
                                 .arg(QString::fromLocal8Bit(base),
                                      QString::fromLocal8Bit(std::strerror(errno))));
    std::shared_ptr<WorkingCopy> copy(new WorkingCopy);
    copy->m_casePath = QFileInfo(casePath).absoluteFilePath();
    copy->m_dir = QString::fromLocal8Bit(pattern);
    copy->m_path = copy->m_dir + QLatin1Char('/') + QFileInfo(casePath).fileName();
    copy->m_passphrase = passphrase;
    return copy;
}

Result<std::shared_ptr<WorkingCopy>> WorkingCopy::decrypt(const QString &casePath,
                                                          const QByteArray &passphrase)
{
    auto copy = make(casePath, passphrase);
    if (!copy)
        return copy;
    const HelperRun r = runHelper({QStringLiteral("decrypt"), (*copy)->m_casePath, (*copy)->m_path},
                                  passphrase);
    if (r.exitCode == 2)
        return makeError(QStringLiteral("%1: wrong passphrase or not a Netcase case").arg(casePath),
                         ErrorCode::Data);
    if (r.exitCode != 0)
        return makeError(QStringLiteral("%1: cannot decrypt: %2").arg(casePath, r.message));
    return copy;
}

Result<std::shared_ptr<WorkingCopy>> WorkingCopy::fresh(const QString &casePath,
                                                        const QByteArray &passphrase)
{
    if (QFileInfo::exists(casePath))
        return makeError(QStringLiteral("%1 already exists; choose another name").arg(casePath),
                         ErrorCode::Usage);
    return make(casePath, passphrase);
}

Status WorkingCopy::save() const
{
    const QString temp
            = m_casePath + QStringLiteral(".saving-") + QString::number(qint64(::getpid()));
    QFile::remove(temp);
    const HelperRun r = runHelper({QStringLiteral("encrypt"), m_path, temp}, m_passphrase);
    if (r.exitCode != 0) {
        QFile::remove(temp);
        return makeError(QStringLiteral("%1 was not saved (the last saved version is kept): %2")
                                 .arg(m_casePath, r.message));
    }
    // rename(2) replaces the case in one step: a reader sees the old file or the new one.
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(m_casePath).constData())
        != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(temp);
        return makeError(QStringLiteral("%1 was not saved (the last saved version is kept): %2")
                                 .arg(m_casePath, why));
    }
    syncFolder(QFileInfo(m_casePath).absolutePath());
    return {};
}

void WorkingCopy::keepLock(std::unique_ptr<QLockFile> lock)
{
    m_lock = std::move(lock);
}

} // namespace netcase::crypt
