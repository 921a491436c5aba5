#include "parsepipeline.h"

#include "api/inputstream.h"
#include "core/rawform.h"

#include <algorithm>

namespace netcase {

/// The parser's RecordSink: collects each event into the current batch, copies its raw record and
/// seals the batch when its raw block is full (interned and compressed next, on the second
/// thread).
class ParsePipeline::Sink final : public RecordSink
{
public:
    explicit Sink(ParsePipeline &p)
        : m_pipe(p)
    {}

    void event(Event &&e, std::string_view raw) override
    {
        if (EventBatch *b = current()) {
            m_raw.append(e.line, raw);
            add(e, *b);
        }
    }
    /// The raw-form decision: only a record its event gives back exactly is kept as the form.
    void eventWithForm(Event &&e, std::string_view raw, std::string_view form) override
    {
        if (!rawform::rebuilds(form, e, raw)) {
            event(std::move(e), raw);
            return;
        }
        if (EventBatch *b = current()) {
            m_raw.appendRebuilt(e.line, form);
            add(e, *b);
        }
    }
    void reject(std::int64_t line,
                RejectKind kind,
                std::string_view reason,
                std::string_view raw) override
    {
        EventBatch *b = current();
        if (!b)
            return;
        if (b->rejectCount == b->rejects.size())
            b->rejects.emplace_back();
        EventBatch::RejectRecord &r = b->rejects[b->rejectCount++];
        r.line = line;
        r.kind = kind;
        r.reason.assign(reason);
        r.raw.assign(raw);
        if (b->rejectCount >= kBatchEvents)
            seal();
    }
    void note(std::string_view text) override
    {
        // Bounded: a parser that notes per record must not grow the report without end.
        auto &notes = m_pipe.m_notes;
        if (notes.size() < kMaxNotes && std::find(notes.begin(), notes.end(), text) == notes.end())
            notes.emplace_back(text);
    }
    /// Hands over the last, partly filled batch.
    void flush()
    {
        if (m_batch)
            seal();
    }

private:
    static constexpr size_t kMaxNotes = 8;

    void add(Event &e, EventBatch &b)
    {
        m_collector.add(e, b.events); // e keeps its buffers for the parser's next record
        if (m_raw.full() || b.events.text.size() + b.events.labelText.size() >= kMaxBatchText)
            seal();
    }
    EventBatch *current()
    {
        if (!m_batch && !m_failed) {
            if (auto b = m_pipe.m_free.pop()) {
                m_batch = *b;
                m_collector.begin(m_batch->events);
                m_batch->rejectCount = 0;
            } else {
                m_failed = true; // aborted: the parser stops at its next progress check
            }
        }
        return m_batch;
    }
    void seal()
    {
        m_raw.take(m_batch->raw);
        if (!m_pipe.m_sealed.push(m_batch))
            m_failed = true;
        m_batch = nullptr;
    }

    ParsePipeline &m_pipe;
    EventBatch *m_batch = nullptr;
    RawBlockBuilder m_raw;
    BatchCollector m_collector;
    bool m_failed = false;
};

ParsePipeline::ParsePipeline(const Importer &importer,
                             InputStream &in,
                             const ImportOptions &options,
                             QString fileName,
                             const std::atomic<bool> &cancel)
    : m_importer(importer)
    , m_in(in)
    , m_options(options)
    , m_fileName(std::move(fileName))
    , m_cancel(cancel)
    , m_free(kPoolSize)
    , m_sealed(kPoolSize)
    , m_full(kPoolSize)
{
    for (size_t i = 0; i < kPoolSize; ++i) {
        m_pool.push_back(std::make_unique<EventBatch>());
        m_free.push(m_pool.back().get());
    }
}

ParsePipeline::~ParsePipeline()
{
    if (m_thread.joinable() || m_finisher.joinable()) {
        stop();
        join();
    }
}

void ParsePipeline::start()
{
    m_thread = std::thread([this] { work(); });
    m_finisher = std::thread([this] { finishBatches(); });
}

void ParsePipeline::join()
{
    if (m_thread.joinable())
        m_thread.join();
    if (m_finisher.joinable())
        m_finisher.join();
}

EventBatch *ParsePipeline::next()
{
    auto b = m_full.pop();
    return b ? *b : nullptr;
}

void ParsePipeline::recycle(EventBatch *batch)
{
    m_free.push(batch);
}

void ParsePipeline::stop()
{
    m_stop = true;
    m_free.abort();
    m_sealed.abort();
    m_full.abort();
}

Status ParsePipeline::finish()
{
    join();
    return m_status;
}

void ParsePipeline::finishBatches()
{
    // One thread, so batches keep their order (the interner's ids depend on it).
    BatchInterner interner;
    while (auto b = m_sealed.pop()) {
        interner.intern((*b)->events);
        (*b)->raw.compress();
        if (!m_full.push(*b))
            break;
    }
    m_full.close();
}

void ParsePipeline::work()
{
    Sink sink(*this);
    ParseContext ctx{m_options, sink};
    ctx.fileName = m_fileName;
    ctx.progress = [this](std::int64_t) {
        m_position.store(m_in.position(), std::memory_order_relaxed);
        return !m_stop.load(std::memory_order_relaxed) && !m_cancel.load(std::memory_order_relaxed);
    };
    Status status;
    // A parser bug must not take the application down: it fails this source only.
    try {
        status = m_importer.parse(m_in, ctx);
    } catch (const std::exception &e) {
        status = makeError(QStringLiteral("the %1 parser failed: %2")
                                   .arg(m_importer.name(), QString::fromUtf8(e.what())));
    } catch (...) {
        status = makeError(QStringLiteral("the %1 parser failed").arg(m_importer.name()));
    }
    if (status.ok() && !m_stop) {
        sink.flush();
        // Hash the whole file even if the parser stopped before its end (it should not).
        std::string rest(size_t(1) << 16, '\0');
        for (;;) {
            const std::int64_t n = m_in.read(rest.data(), std::int64_t(rest.size()));
            if (n < 0) {
                status = makeError(QStringLiteral("read error: %1").arg(m_in.errorString()));
                break;
            }
            if (n == 0)
                break;
        }
        m_position.store(m_in.position(), std::memory_order_relaxed);
    }
    m_status = status;
    m_sealed.close();
}

} // namespace netcase
