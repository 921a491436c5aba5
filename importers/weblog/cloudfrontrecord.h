#pragma once

// One CloudFront log record to an event, shared by the standard log (W3C lines under #Fields:)
// and the real-time log (Kinesis records: tab-separated, no header, the configured fields in
// the documented order). Each reader names its fields; the slots say what each one is.

#include "core/event.h"
#include "core/rejectreason.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netcase {

struct ParseContext;

enum class CfField {
    Other,
    Date,
    Time,
    Timestamp, ///< real-time logs: epoch seconds with milliseconds
    ClientIp,
    ClientPort,
    Method,
    UriStem,
    UriQuery,
    Status,
    Referer,
    UserAgent,
    HostHeader,       ///< the Host header the viewer sent
    DistributionHost, ///< the distribution's own domain name
    ScBytes,
    CsBytes,
    TimeTaken,
    ForwardedFor,
};

/// A record's field names (for the labels of the fields without a slot) and slots.
struct CfLayout
{
    std::vector<std::string> names;
    std::vector<CfField> slots;
    void use(const std::vector<std::string_view> &list,
             const std::unordered_map<std::string_view, CfField> &table);
};

/// Splits at sep (a trailing CR dropped).
std::vector<std::string_view> cfSplit(std::string_view line, char sep);
/// The words of a space-separated list.
std::vector<std::string_view> cfWords(std::string_view s);

/// Fills e from the values of one record laid out as layout says (values.size() must be
/// layout.slots.size()); a reject reason when it has no usable time or a bad address.
RejectReason
mapCloudFrontRecord(const CfLayout &layout, const std::vector<std::string_view> &values, Event &e);

/// One tab-separated record line: split, its field count checked against layout (the reject
/// names the expected count, then countHint), mapped, and the event or reject given to ctx.sink.
void readCloudFrontLine(ParseContext &ctx,
                        const CfLayout &layout,
                        std::string_view line,
                        std::int64_t lineNo,
                        std::string_view countHint = {});

} // namespace netcase
