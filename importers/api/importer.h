#pragma once

// The importer contract (shared/design/ARCHITECTURE.md): detect(sample) gives a confidence,
// parse(stream, options, sink) streams records into the sink, reports progress in bytes, stops
// when asked and turns every record it cannot read into a reject with a reason.

#include "core/event.h"
#include "core/result.h"

#include <QString>

#include <atomic>
#include <functional>
#include <string_view>

namespace netcase {

class InputStream;

struct ImportOptions
{
    QString format;                           ///< forced format name, empty to detect
    QString timezone = QStringLiteral("UTC"); ///< for timestamps that carry no zone
    int year = 0;                             ///< for RFC 3164 syslog without a year; 0 to infer
    QString mapping; ///< field mapping (JSON) for the generic CSV/JSON importers
    /// Decompression bounds (ingest/expansion.h): a member may expand to at most this many
    /// times the compressed bytes read for it, and the import to this many bytes in all.
    std::int64_t maxExpansionRatio = 1000;
    std::int64_t maxExpandedBytes = std::int64_t{64} << 30;
    /// Import files that a folder links to outside itself (otherwise skipped and reported).
    bool followLinks = false;
};

/// Receives what a parser reads. Implementations batch and store.
class RecordSink
{
public:
    virtual ~RecordSink() = default;
    /// Takes the event; afterwards it holds unspecified (possibly another record's) text, so a
    /// parser that reuses one Event resets every field before the next record.
    virtual void event(Event &&event, std::string_view raw) = 0;
    /// Like event(), for a record the parser expects rawform::render(form, event) to give back
    /// byte for byte. Whether it does is the storing side's decision (rawform::rebuilds): a case
    /// then keeps the form instead of the text.
    virtual void eventWithForm(Event &&e, std::string_view raw, std::string_view form)
    {
        (void)form;
        event(std::move(e), raw);
    }
    /// A record that did not become an event: its kind, the format's text for it and the raw
    /// record (or an excerpt of it).
    virtual void
    reject(std::int64_t line, RejectKind kind, std::string_view reason, std::string_view raw)
            = 0;
    void reject(std::int64_t line, const RejectReason &why, std::string_view raw)
    {
        reject(line, why.kind, why.text, raw);
    }
    /// A note for the person importing, once per source and not per record: how something the
    /// file did not carry was chosen ("year not in the file: assumed 2026 ..."). Shown with the
    /// source's import summary.
    virtual void note(std::string_view text) { (void)text; }
};

struct ParseContext
{
    const ImportOptions &options;
    RecordSink &sink;
    /// Called with bytes consumed; returns false when the user cancelled.
    std::function<bool(std::int64_t)> progress = [](std::int64_t) {
        return true;
    };
    /// The file name (for detection hints such as Zeek's path); never trusted for the format.
    QString fileName;
};

class Importer
{
public:
    virtual ~Importer() = default;
    /// Stable name used by --format and stored in the case ("apache", "sshd", ...).
    virtual QString name() const = 0;
    /// Human-readable name for dialogs.
    virtual QString label() const = 0;
    /// Confidence 0..100 that sample (the first bytes of the file) is in this format.
    virtual int detect(std::string_view sample) const = 0;
    /// Parses the whole stream. Cancellation returns ErrorCode::Cancelled.
    virtual Status parse(InputStream &in, ParseContext &ctx) const = 0;
};

} // namespace netcase
