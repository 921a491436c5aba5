#pragma once

// The loop shared by the JSON importers (Okta, Entra ID, CloudTrail, generic JSON lines): split
// the stream into records, flatten each with simdjson, let a mapper fill the event, and turn
// whatever fails into a reject with the record's line number and the reason.

#include "api/importer.h"
#include "api/jsonflattener.h"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace netcase {

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
