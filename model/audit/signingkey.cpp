#include "signingkey.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <openssl/evp.h>

#include <memory>

namespace netcase {

namespace {

struct PkeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Pkey privateKey(const QByteArray &raw)
{
    return Pkey(EVP_PKEY_new_raw_private_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(raw.constData()),
            size_t(raw.size())));
}

QByteArray publicOf(EVP_PKEY *key)
{
    QByteArray out(32, '\0');
    size_t len = size_t(out.size());
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(out.data()), &len) != 1)
        return {};
    out.resize(qsizetype(len));
    return out;
}

} // namespace

QString SigningKey::keyPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
           + QStringLiteral("/signing/ed25519.key");
}

Result<SigningKey> SigningKey::loadOrCreate()
{
    const QString path = keyPath();
    SigningKey k;
    QFile f(path);
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("cannot read the signing key %1: %2")
                                     .arg(path, f.errorString()));
        k.m_private = QByteArray::fromHex(f.readAll().trimmed());
        if (k.m_private.size() != 32)
            return makeError(QStringLiteral("the signing key %1 is damaged (expected 32 bytes "
                                            "in hex)")
                                     .arg(path));
    } else {
        EVP_PKEY *raw = nullptr;
        Pkey ctxKey;
        std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
                EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), &EVP_PKEY_CTX_free);
        if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
            return makeError(QStringLiteral("cannot create an Ed25519 signing key"));
        ctxKey.reset(raw);
        k.m_private = QByteArray(32, '\0');
        size_t len = 32;
        if (EVP_PKEY_get_raw_private_key(raw, reinterpret_cast<unsigned char *>(k.m_private.data()),
                                         &len)
                    != 1
            || len != 32)
            return makeError(QStringLiteral("cannot read the new signing key"));
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir))
            return makeError(QStringLiteral("cannot create %1 for the signing key").arg(dir));
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                           | QFileDevice::ExeOwner);
        // Created empty with mode 0600 before the key is written into it.
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return makeError(QStringLiteral("cannot create the signing key %1: %2")
                                     .arg(path, f.errorString()));
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (f.write(k.m_private.toHex() + '\n') < 0 || !f.flush())
            return makeError(QStringLiteral("cannot write the signing key %1: %2")
                                     .arg(path, f.errorString()));
    }
    Pkey key = privateKey(k.m_private);
    if (!key)
        return makeError(QStringLiteral("the signing key %1 is not an Ed25519 key").arg(path));
    k.m_public = publicOf(key.get());
    if (k.m_public.size() != 32)
        return makeError(QStringLiteral("cannot derive the public key of %1").arg(path));
    return k;
}

Result<QByteArray> SigningKey::sign(const QByteArray &message) const
{
    Pkey key = privateKey(m_private);
    MdCtx ctx(EVP_MD_CTX_new());
    QByteArray sig(64, '\0');
    size_t len = size_t(sig.size());
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len,
                          reinterpret_cast<const unsigned char *>(message.constData()),
                          size_t(message.size()))
                   != 1)
        return makeError(QStringLiteral("signing failed"));
    sig.resize(qsizetype(len));
    return sig;
}

QString SigningKey::fingerprintOf(const QByteArray &publicKey)
{
    const QByteArray h = QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(16);
    QStringList groups;
    const QString hex = QString::fromLatin1(h.toHex());
    for (int i = 0; i < hex.size(); i += 4)
        groups << hex.mid(i, 4);
    return groups.join(QLatin1Char(':'));
}

bool SigningKey::verify(const QByteArray &publicKey,
                        const QByteArray &message,
                        const QByteArray &signature)
{
    Pkey key(EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr,
            reinterpret_cast<const unsigned char *>(publicKey.constData()),
            size_t(publicKey.size())));
    MdCtx ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size()))
           == 1;
}

} // namespace netcase
