#include "sha256.h"

#include <openssl/evp.h>

namespace netcase {

// EVP_sha256() is OpenSSL's built-in implementation: no provider lookup can fail for it, so
// the only error left is out of memory, which the rest of the import would not survive either.
Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    if (m_ctx)
        EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::addData(std::string_view data)
{
    if (m_ctx)
        EVP_DigestUpdate(m_ctx, data.data(), data.size());
}

QByteArray Sha256::result()
{
    QByteArray digest(EVP_MAX_MD_SIZE, '\0');
    unsigned size = 0;
    if (!m_ctx
        || EVP_DigestFinal_ex(m_ctx, reinterpret_cast<unsigned char *>(digest.data()), &size) != 1)
        return {};
    digest.resize(int(size));
    return digest;
}

} // namespace netcase
