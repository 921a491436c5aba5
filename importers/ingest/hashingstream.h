#pragma once

#include "api/inputstream.h"
#include "ingest/batchqueue.h"
#include "ingest/sha256.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace netcase {

/// Passes a stream through while computing its SHA-256, so a file is read only once. The hash
/// runs on a thread of its own (a copy of each chunk read goes to it through a small pool of
/// buffers), so it does not slow the parser that reads.
class HashingStream final : public InputStream
{
public:
    explicit HashingStream(InputStream &inner);
    ~HashingStream() override;
    HashingStream(const HashingStream &) = delete;
    HashingStream &operator=(const HashingStream &) = delete;

    std::int64_t read(char *buffer, std::int64_t n) override;
    std::int64_t position() const override { return m_inner.position(); }
    std::int64_t size() const override { return m_inner.size(); }
    QString errorString() const override { return m_inner.errorString(); }
    QString sameFilePath() const override { return m_inner.sameFilePath(); }

    /// Finishes the hash: call once, after the whole stream was read.
    QString hexDigest();

private:
    void work();

    static constexpr size_t kBuffers = 4;
    InputStream &m_inner;
    Sha256 m_hash;
    std::vector<std::unique_ptr<std::string>> m_pool;
    BatchQueue<std::string *> m_free{kBuffers};
    BatchQueue<std::string *> m_full{kBuffers};
    std::thread m_thread;
};

} // namespace netcase
