#include "intelfile.h"

#include "mispreader.h"
#include "stixreader.h"

#include "core/regularfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace netcase::intel {

namespace {

constexpr qint64 kMaxBytes = qint64(1) << 30; // 1 GiB: larger files are refused, not truncated

Result<QByteArray> readAll(const QString &path)
{
    if (Status s = requireRegularFile(path); !s)
        return s.error();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > kMaxBytes)
        return makeError(QStringLiteral("%1 is larger than 1 GiB").arg(path));
    QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return makeError(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    return bytes;
}

Result<nlohmann::json> parseJson(const QByteArray &bytes, const QString &path)
{
    try {
        return nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const nlohmann::json::parse_error &e) {
        return makeError(
                QStringLiteral("%1 is not valid JSON (byte %2)").arg(path).arg(qint64(e.byte)));
    }
}

Result<IntelFile> readFeed(const QString &manifestPath)
{
    auto bytes = readAll(manifestPath);
    if (!bytes)
        return bytes.error();
    auto manifest = parseJson(*bytes, manifestPath);
    if (!manifest)
        return manifest.error();
    if (!manifest->is_object() || manifest->empty())
        return makeError(QStringLiteral("%1 is not a MISP feed manifest (an object keyed by "
                                        "event uuid)")
                                 .arg(manifestPath));
    IntelFile out;
    const QFileInfo info(manifestPath);
    out.path = info.absoluteFilePath();
    out.name = info.absoluteDir().dirName() + QStringLiteral("/manifest.json");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(*bytes);
    for (const auto &[uuid, meta] : manifest->items()) {
        if (!meta.is_object())
            return makeError(QStringLiteral("%1: entry %2 is not an object")
                                     .arg(manifestPath, QString::fromStdString(uuid)));
        const QString eventPath = info.absoluteDir().filePath(QString::fromStdString(uuid)
                                                              + QStringLiteral(".json"));
        auto eventBytes = readAll(eventPath);
        if (!eventBytes)
            return makeError(
                    QStringLiteral("the feed's event %1 cannot be read: %2")
                            .arg(QString::fromStdString(uuid), eventBytes.error().message));
        hash.addData(*eventBytes);
        auto doc = parseJson(*eventBytes, eventPath);
        if (!doc)
            return doc.error();
        if (Status s = readMispEvents(*doc, out); !s)
            return makeError(QStringLiteral("%1: %2").arg(eventPath, s.error().message));
    }
    out.sha256 = QString::fromLatin1(hash.result().toHex());
    return out;
}

} // namespace

Result<IntelFile> readIntelFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        const QString manifest = QDir(path).filePath(QStringLiteral("manifest.json"));
        if (!QFileInfo::exists(manifest))
            return makeError(
                    QStringLiteral("%1 is a folder without a MISP feed manifest.json").arg(path));
        return readFeed(manifest);
    }
    if (info.fileName() == QLatin1String("manifest.json"))
        return readFeed(path);
    auto bytes = readAll(path);
    if (!bytes)
        return bytes.error();
    auto doc = parseJson(*bytes, path);
    if (!doc)
        return doc.error();
    IntelFile out;
    if (looksLikeMisp(*doc)) {
        if (Status s = readMispEvents(*doc, out); !s)
            return makeError(QStringLiteral("%1: %2").arg(path, s.error().message));
    } else {
        auto stix = readStixBundle(*doc);
        if (!stix)
            return makeError(QStringLiteral("%1: %2").arg(path, stix.error().message));
        out = std::move(*stix);
    }
    out.path = info.absoluteFilePath();
    out.name = info.fileName();
    out.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(*bytes, QCryptographicHash::Sha256).toHex());
    return out;
}

} // namespace netcase::intel
