#pragma once

// SHA-256 of an imported file, computed while it streams through. Uses the x86 SHA extensions
// when the CPU has them (about eight times faster than QCryptographicHash, which made hashing a
// 220 MB log cost a second of the import); otherwise falls back to QCryptographicHash.

#include <QByteArray>

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

class QCryptographicHash;

namespace netcase {

class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(std::string_view data);
    /// The 32-byte digest. Finishes the hash: call once.
    QByteArray result();

    /// True when the hardware path is used (for benchmarks and tests).
    static bool hardwareAccelerated();

private:
    void compress(const unsigned char *blocks, size_t count);

    std::array<std::uint32_t, 8> m_state;
    std::array<unsigned char, 64> m_pending{};
    size_t m_pendingSize = 0;
    std::uint64_t m_total = 0;
    std::unique_ptr<QCryptographicHash> m_fallback;
};

} // namespace netcase
