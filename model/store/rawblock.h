#pragma once

// Raw records of a source, kept in compressed blocks (table raw_blocks) so the original text of
// every event is one lookup away. A block holds consecutive records as "<line> <length>\n<bytes>",
// or "<line> =<form>\n" for a record its event's fields give back exactly (rawform.h), and is
// compressed as a whole (Zstandard). The import pipeline builds blocks on the parser's
// thread and compresses them on a thread of their own; the EventWriter stores them.

#include <QByteArray>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netcase {

struct PackedRawBlock
{
    std::int64_t firstLine = -1;
    std::int64_t lastLine = -1;
    int records = 0;
    std::string data; ///< compressed (unless not yet); empty when the block holds no record
    bool compressed = true;

    /// Compresses data in place (once).
    void compress();
};

class RawBlockBuilder
{
public:
    /// A block is full at this many records or bytes, whichever comes first.
    static constexpr int kMaxRecords = 512;
    static constexpr size_t kMaxBytes = size_t{256} * 1024;

    void append(std::int64_t line, std::string_view raw);
    /// Appends a record that rawform::render(form, event) gives back (the caller checked).
    void appendRebuilt(std::int64_t line, std::string_view form);
    bool empty() const { return m_records == 0; }
    bool full() const { return m_records >= kMaxRecords || m_text.size() >= kMaxBytes; }
    /// Compresses the records appended so far into out and starts a new block.
    void pack(PackedRawBlock &out);
    /// Moves the records into out uncompressed (out.compress() later, on another thread).
    void take(PackedRawBlock &out);

private:
    void startRecord(std::int64_t line);

    std::string m_text;
    std::int64_t m_first = -1;
    std::int64_t m_last = -1;
    int m_records = 0;
};

/// A record as stored: its text, or the form that rebuilds it from its event.
struct StoredRecord
{
    std::string_view text; ///< the record, or the form's name when rebuilt
    bool rebuilt = false;
};

/// One stored block decoded once, to read many of its records: `netcase events --raw` and the
/// report's evidence lines ask for the records of consecutive events, which share a block of
/// about 500 (decoding the block for each record made `events --raw` 40 times slower).
class RawBlockReader
{
public:
    /// Decodes block; false when it is damaged (the records before the damage stay readable).
    bool load(const QByteArray &block);
    /// The record at line, if the block holds it.
    std::optional<StoredRecord> record(std::int64_t line) const;

private:
    struct Entry
    {
        std::int64_t line;
        size_t offset;
        size_t length;
        bool rebuilt;
    };
    std::string m_text;
    std::vector<Entry> m_entries; ///< in line order
};

/// Decodes one stored block and returns the record at line as stored, if present.
std::optional<std::string> rawRecordFromBlock(const QByteArray &block, std::int64_t line);

} // namespace netcase
