#include "chunkhash.h"

#include <openssl/evp.h>

#include <charconv>
#include <cstring>

namespace netcase::digest {

void Sha256::Free::operator()(evp_md_ctx_st *c) const
{
    EVP_MD_CTX_free(c);
}

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    reset();
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256 &&) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&) noexcept = default;

void Sha256::reset()
{
    EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
}

void Sha256::addData(std::string_view bytes)
{
    EVP_DigestUpdate(m_ctx.get(), bytes.data(), bytes.size());
}

std::string Sha256::hexResult()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx.get(), md, &len);
    reset();
    static const char kDigits[] = "0123456789abcdef";
    std::string out(size_t(len) * 2, '0');
    for (unsigned int i = 0; i < len; ++i) {
        out[2 * i] = kDigits[md[i] >> 4];
        out[2 * i + 1] = kDigits[md[i] & 15];
    }
    return out;
}

void addColumn(Sha256 &hash, ColumnType type, std::string_view bytes)
{
    const std::uint64_t len = bytes.size();
    char head[9];
    head[0] = char(type);
    std::memcpy(head + 1, &len, sizeof len);
    hash.addData(std::string_view(head, sizeof head));
    hash.addData(bytes);
}

void ChunkHash::addInt(std::int64_t value)
{
    char num[24];
    const auto end = std::to_chars(num, num + sizeof num, value).ptr; // as "%lld" writes it
    addColumn(Integer, std::string_view(num, size_t(end - num)));
}

} // namespace netcase::digest
