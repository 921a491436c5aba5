#include "compiledcache.h"

#include "audit/chunkhash.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <cstring>

namespace netcase::compiledcache {

namespace {

constexpr char kMagic[8] = {'N', 'C', 'C', 'O', 'M', 'P', 'L', '\n'};
constexpr size_t kKindBytes = 16;
constexpr size_t kHexBytes = 64;

struct Header
{
    char magic[8];
    std::uint32_t version;
    char kind[kKindBytes];
    char source[kHexBytes];
    std::uint64_t payloadSize;
    char payloadSha[kHexBytes];
};

std::string sha256Hex(std::string_view bytes)
{
    digest::Sha256 h;
    h.addData(bytes);
    return h.hexResult();
}

bool fill(Header &h, std::string_view kind, const QString &sourceSha256, std::string_view payload)
{
    const QByteArray src = sourceSha256.toLatin1();
    if (kind.size() > kKindBytes || size_t(src.size()) != kHexBytes)
        return false;
    std::memset(&h, 0, sizeof h);
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kVersion;
    std::memcpy(h.kind, kind.data(), kind.size());
    std::memcpy(h.source, src.constData(), kHexBytes);
    h.payloadSize = payload.size();
    const std::string sha = sha256Hex(payload);
    std::memcpy(h.payloadSha, sha.data(), kHexBytes);
    return true;
}

/// "asn-<16 hex digits of the path's SHA-256>-": the prefix of one source path's caches.
QString prefixFor(std::string_view kind, const QString &sourcePath)
{
    const QByteArray abs = QFileInfo(sourcePath).absoluteFilePath().toUtf8();
    const std::string h = sha256Hex(std::string_view(abs.constData(), size_t(abs.size())));
    return QStringLiteral("%1-%2-").arg(QString::fromLatin1(kind.data(), qsizetype(kind.size())),
                                        QString::fromLatin1(h.substr(0, 16)));
}

} // namespace

QString folder()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
           + QStringLiteral("/compiled");
}

QString pathFor(std::string_view kind, const QString &sourcePath, const QString &sourceSha256)
{
    return QStringLiteral("%1/%2%3.bin").arg(folder(), prefixFor(kind, sourcePath), sourceSha256);
}

bool read(std::string_view kind,
          const QString &sourcePath,
          const QString &sourceSha256,
          const std::function<bool(std::string_view)> &use)
{
    QFile f(pathFor(kind, sourcePath, sourceSha256));
    if (!f.open(QIODevice::ReadOnly) || f.size() < qint64(sizeof(Header)))
        return false;
    // Mapped, not read: the payload is hashed and handed over without a copy of 20 MB first.
    const qint64 size = f.size();
    const uchar *map = f.map(0, size);
    if (!map)
        return false;
    Header h;
    std::memcpy(&h, map, sizeof h);
    const QByteArray src = sourceSha256.toLatin1();
    char want[kKindBytes] = {};
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kVersion
        || kind.size() > kKindBytes || size_t(src.size()) != kHexBytes
        || std::memcmp(h.source, src.constData(), kHexBytes) != 0
        || h.payloadSize != std::uint64_t(size) - sizeof h)
        return false;
    std::memcpy(want, kind.data(), kind.size());
    if (std::memcmp(h.kind, want, kKindBytes) != 0)
        return false;
    const std::string_view payload(reinterpret_cast<const char *>(map) + sizeof h,
                                   size_t(h.payloadSize));
    if (sha256Hex(payload) != std::string_view(h.payloadSha, kHexBytes))
        return false; // corrupt: never trusted
    return use(payload);
}

bool write(std::string_view kind,
           const QString &sourcePath,
           const QString &sourceSha256,
           std::string_view payload)
{
    Header h;
    if (!fill(h, kind, sourceSha256, payload) || !QDir().mkpath(folder()))
        return false;
    const QString path = pathFor(kind, sourcePath, sourceSha256);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    if (f.write(reinterpret_cast<const char *>(&h), sizeof h) != qint64(sizeof h)
        || f.write(payload.data(), qint64(payload.size())) != qint64(payload.size()) || !f.commit())
        return false;
    const QDir dir(folder());
    const QString prefix = prefixFor(kind, sourcePath);
    for (const QString &old : dir.entryList({prefix + QStringLiteral("*.bin")}, QDir::Files))
        if (dir.filePath(old) != path)
            QFile::remove(dir.filePath(old));
    return true;
}

} // namespace netcase::compiledcache
