#pragma once

// Splits one syslog line into its header and message. Three shapes are read:
//  - RFC 3164 / BSD: "[<PRI>]Mmm dd hh:mm:ss[.frac] host tag[pid]: message" (no year, no zone)
//  - RFC 3339 stamps as written by rsyslog's default high-precision template:
//    "2024-03-01T12:00:00.123456+01:00 host tag[pid]: message"
//  - RFC 5424: "<PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]"

#include "core/rejectreason.h"

#include <cstdint>
#include <string_view>

namespace netcase {

struct SyslogLine
{
    enum class Kind { Bsd, Iso, Rfc5424 };
    Kind kind = Kind::Bsd;
    int priority = -1; ///< <PRI> when present
    // Bsd: wall-clock parts without a year.
    int month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0;
    // Iso / Rfc5424: a complete instant.
    std::int64_t utcUs = 0;
    int offsetMin = 0;
    std::string_view host;
    std::string_view program;        ///< tag / APP-NAME, empty when absent
    std::string_view pid;            ///< empty when absent
    std::string_view msgId;          ///< RFC 5424 MSGID
    std::string_view structuredData; ///< RFC 5424 SD, empty for "-"
    std::string_view message;
};

/// Parses a line; returns false (with a reason) when it is not syslog.
bool parseSyslogLine(std::string_view line, SyslogLine &out, RejectReason &reason);

/// Splits "tag[pid]: message" (or "tag: message") into its parts. Returns false if the text has
/// no tag; message is then the whole text.
bool splitTag(std::string_view text,
              std::string_view &program,
              std::string_view &pid,
              std::string_view &message);

} // namespace netcase
