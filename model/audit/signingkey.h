#pragma once

// The analyst's Ed25519 signing key (OpenSSL libcrypto), created on first use in the user's
// configuration directory (QStandardPaths::AppConfigLocation/signing/ed25519.key, mode 0600,
// folder 0700). It signs the audit chain's head when a decision or review is recorded and the
// head a report prints. A signature proves that the holder of this private key saw this chain
// up to that record; it does not prove who holds the key, nor stop someone who has the case
// file and the key from rewriting both.

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace netcase {

class SigningKey
{
public:
    /// The current user's key, created (and saved privately) when there is none yet.
    static Result<SigningKey> loadOrCreate();
    /// Where loadOrCreate keeps it.
    static QString keyPath();

    QByteArray publicKey() const { return m_public; } ///< 32 raw bytes
    QString publicKeyHex() const { return QString::fromLatin1(m_public.toHex()); }
    /// SHA-256 of the public key, hex, first 16 bytes in groups: what a person compares.
    QString fingerprint() const { return fingerprintOf(m_public); }
    Result<QByteArray> sign(const QByteArray &message) const;

    static QString fingerprintOf(const QByteArray &publicKey);
    static bool
    verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature);

private:
    QByteArray m_private; ///< 32 raw bytes
    QByteArray m_public;
};

} // namespace netcase
