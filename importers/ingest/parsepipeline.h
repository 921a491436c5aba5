#pragma once

// Runs one importer's parse() on a worker thread and hands what it reads to the caller's
// (database) thread in batches through bounded queues, so reading, hashing and parsing overlap
// with writing on the database thread. Between the two, a second worker interns each batch's
// text (BatchInterner) and compresses its raw records: the parser's thread is an import's critical
// path, so it only collects. Memory stays bounded: a fixed pool of batches circulates between
// the threads, in input order. The workers never touch the database.

#include "api/importer.h"
#include "ingest/batchqueue.h"
#include "store/batchinterner.h"
#include "store/rawblock.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace netcase {

/// Records of one stretch of the input: events, interned on the second worker (rows of ids,
/// slots reused from batch to batch), rejects, and the events' raw records as one packed block.
struct EventBatch
{
    struct RejectRecord
    {
        std::int64_t line = 0;
        RejectKind kind = RejectKind::Syntax;
        std::string reason;
        std::string raw;
    };
    InternedEvents events;
    std::vector<RejectRecord> rejects;
    size_t rejectCount = 0;
    PackedRawBlock raw;
};

class ParsePipeline
{
public:
    static constexpr size_t kBatchEvents = RawBlockBuilder::kMaxRecords;
    /// A batch is also sealed when its events' text reaches this, so that a file of very long
    /// lines (which raw forms keep out of the raw block's byte count) cannot swell the pool.
    static constexpr size_t kMaxBatchText = size_t{256} * 1024;
    /// Enough batches for the parser to run well ahead while the database thread is slowest (at
    /// the start, when most strings are new): up to 65,536 events. Memory stays
    /// bounded by kPoolSize times a batch's limits (records, raw bytes, text bytes).
    static constexpr size_t kPoolSize = 128;

    ParsePipeline(const Importer &importer,
                  InputStream &in,
                  const ImportOptions &options,
                  QString fileName,
                  const std::atomic<bool> &cancel);
    /// Stops and joins the worker if the caller did not finish().
    ~ParsePipeline();
    ParsePipeline(const ParsePipeline &) = delete;
    ParsePipeline &operator=(const ParsePipeline &) = delete;

    void start();
    /// The next batch in input order, or nullptr at the end. Give it back with recycle().
    EventBatch *next();
    void recycle(EventBatch *batch);
    /// Makes the parser stop at its next progress check or batch hand-over.
    void stop();
    /// Waits for the workers; returns the parser's status. After the parser finished, it has read
    /// the stream to its end (so a hashing stream has seen every byte).
    Status finish();
    /// Bytes of the input consumed so far (as last reported by the parser).
    std::int64_t position() const { return m_position.load(std::memory_order_relaxed); }
    /// The parser's notes (RecordSink::note), without repeats. Only valid after finish().
    const std::vector<std::string> &notes() const { return m_notes; }

private:
    class Sink;
    void work();
    void finishBatches(); ///< interns and compresses, batch by batch
    void join();

    const Importer &m_importer;
    InputStream &m_in;
    const ImportOptions &m_options;
    QString m_fileName;
    const std::atomic<bool> &m_cancel;
    std::vector<std::unique_ptr<EventBatch>> m_pool;
    BatchQueue<EventBatch *> m_free;   ///< empty batches, for the parser
    BatchQueue<EventBatch *> m_sealed; ///< parsed batches, not yet interned and compressed
    BatchQueue<EventBatch *> m_full;   ///< batches ready for the database thread
    std::atomic<bool> m_stop{false};
    std::atomic<std::int64_t> m_position{0};
    Status m_status;
    std::vector<std::string> m_notes; ///< written by the parser's thread, read after finish()
    std::thread m_thread;
    std::thread m_finisher;
};

} // namespace netcase
