#pragma once

// The loop shared by the JSON importers (Okta, Entra ID, CloudTrail, generic JSON lines): split
// the stream into records, flatten each with simdjson, let a mapper fill the event, and turn
// whatever fails into a reject with the record's line number and the reason.

#include "api/importer.h"
#include "api/jsonflattener.h"
#include "api/jsonsplitter.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace netcase {

/// JsonSplitter seen as a record reader for forEachRecord(). A record's number is the line where
/// it starts, except that records sharing a line (CloudTrail's one-line {"Records": [...]}
/// files) are numbered on from the previous one: the case finds raw records by (source, line),
/// so numbers must be unique.
class JsonRecords
{
public:
    explicit JsonRecords(InputStream &in)
        : m_splitter(in)
    {}
    bool next(JsonSplitter::Piece &piece)
    {
        if (!m_splitter.next(piece))
            return false;
        piece.line = std::max(piece.line, m_last + 1);
        m_last = piece.line;
        m_piece = &piece;
        m_problem = {};
        if (piece.error)
            m_problem = {piece.errorKind, piece.error};
        return true;
    }
    const RejectReason &problem() const { return m_problem; }
    std::int64_t line() const { return m_piece->line; }
    std::string_view raw() const { return m_piece->text; }
    bool failed() const { return m_splitter.failed(); }

private:
    JsonSplitter m_splitter;
    const JsonSplitter::Piece *m_piece = nullptr;
    RejectReason m_problem;
    std::int64_t m_last = 0;
};

/// Maps one flattened record to an event. Used by one parse at a time (it keeps state).
class JsonEventMapper
{
public:
    virtual ~JsonEventMapper() = default;
    /// Called before each record.
    virtual void begin() = 0;
    /// Called for every scalar in the record, in document order.
    virtual void field(std::string_view path, const JsonScalar &value) = 0;
    /// Fills event from the fields seen. Returns a reject reason, or empty for an event.
    virtual RejectReason finish(Event &event) = 0;
};

/// Imports every record. Event::line is the line where the record starts, or, for records that
/// share a line (one-line CloudTrail files), one more than the previous record's number.
Status importJsonRecords(InputStream &in, ParseContext &ctx, JsonEventMapper &mapper);

/// The first records of a detection sample, each as the set of its paths (and values of short
/// strings as "path=value"), for content-based detection.
struct JsonSample
{
    std::vector<std::unordered_set<std::string>> records;
    bool container = false; ///< a top-level array or a {"Records"/"value"/"records": [...]} wrapper
    /// Text of the sample, for a key search when the first record is cut by the sample size.
    std::string_view text;

    /// Fraction (0..100) of records holding all of the given paths.
    int percentWith(std::initializer_list<std::string_view> paths) const;
};
JsonSample sampleJson(std::string_view sample, int maxRecords = 20);

/// Sets @timestamp and the original offset from an ISO 8601 text; false if it does not parse.
bool setIsoTimestamp(Event &event, std::string_view text);

/// Sets source.ip when text is an address; otherwise keeps it as source.domain (service names
/// such as "ec2.amazonaws.com") and returns false.
bool setSourceAddress(Event &event, std::string_view text);

/// Like setSourceAddress, for addresses that may carry a port: "1.2.3.4:5678", "[::1]:443",
/// "[2001:db8::1]" and plain IPv6 ("2001:db8::1", "::ffff:1.2.3.4", never read as a port).
/// The port goes to source.port.
bool setSourceAddressPort(Event &event, std::string_view text);

/// ASCII lower-case copy.
std::string lowerAscii(std::string_view s);

} // namespace netcase
