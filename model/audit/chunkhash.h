#pragma once

// The hash of one chunk of a covered table (audit/sectiondigest.h): SHA-256 over its rows, each
// column as a type byte, its length (8 bytes, host order) and its bytes (integers and reals as
// their decimal text). One encoding for both sides: the digest scan hashes rows it reads, the
// event store's writer hashes the event blocks and raw records it writes, so an import's
// digests need no read back and come out the same.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace netcase::digest {

/// SQLite's column type codes, as the encoding writes them.
enum ColumnType : char { Integer = 1, Real = 2, Text = 3, Blob = 4, Null = 5 };

/// SHA-256 through OpenSSL (the CPU's SHA instructions; Qt 6.4's QCryptographicHash has none).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256 &&) noexcept;
    Sha256 &operator=(Sha256 &&) noexcept;
    void addData(std::string_view bytes);
    /// The lowercase hex digest; the hash starts again empty.
    std::string hexResult();

private:
    void reset();
    struct Free
    {
        void operator()(evp_md_ctx_st *c) const;
    };
    std::unique_ptr<evp_md_ctx_st, Free> m_ctx;
};

/// One column of a row into a chunk's hash: its type byte, its length and its bytes.
void addColumn(Sha256 &hash, ColumnType type, std::string_view bytes);

/// A chunk's rows, column by column, in the encoding of the digest scan.
class ChunkHash
{
public:
    void addColumn(ColumnType type, std::string_view bytes)
    {
        digest::addColumn(m_hash, type, bytes);
    }
    void addInt(std::int64_t value);
    void addBlob(std::string_view bytes) { addColumn(Blob, bytes); }
    std::string hexResult() { return m_hash.hexResult(); }

private:
    Sha256 m_hash;
};

/// Chunk hashes computed by the code that wrote the chunks, by section name, then chunk key
/// (the decimal text of the key column). digest::refresh takes them instead of reading the
/// chunks back; a chunk it is not given is read and hashed as before.
struct KnownChunks
{
    std::map<std::string, std::map<std::string, std::string>> sections;

    void add(const char *section, std::int64_t key, std::string hash)
    {
        sections[section][std::to_string(key)] = std::move(hash);
    }
    void merge(const KnownChunks &other)
    {
        for (const auto &[name, chunks] : other.sections)
            for (const auto &[key, hash] : chunks)
                sections[name][key] = hash;
    }
    const std::string *find(const std::string &section, const std::string &key) const
    {
        const auto s = sections.find(section);
        if (s == sections.end())
            return nullptr;
        const auto c = s->second.find(key);
        return c == s->second.end() ? nullptr : &c->second;
    }
};

} // namespace netcase::digest
