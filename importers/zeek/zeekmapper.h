#pragma once

// Maps one Zeek log record (conn, ssh, http, or any other log) to a normalised event. The TSV
// and JSON readers feed it (field, text) pairs; it knows the field names of Zeek's logs:
// https://docs.zeek.org/en/master/logs/ (conn.log, ssh.log, http.log).

#include "core/event.h"
#include "syslog/labelbuilder.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netcase {

enum class ZeekRole : std::uint8_t {
    Other,
    Ts,
    Uid,
    OrigH,
    OrigP,
    RespH,
    RespP,
    Proto,
    Duration,
    OrigBytes,
    RespBytes,
    OrigPkts,
    RespPkts,
    AuthSuccess,
    Client,
    Method,
    Uri,
    StatusCode,
    UserAgent,
    Host,
    RespBodyLen,
    Username,
    Path,
    Ignored
};

/// The role of a Zeek field name ("id.orig_h" -> OrigH); Other keeps the field in labels.
ZeekRole zeekRole(std::string_view field);

/// Seconds since the epoch with a fraction ("1596790164.509987") or an ISO 8601 stamp.
bool parseZeekTime(std::string_view text, std::int64_t &us, int &offsetMin);

class ZeekMapper
{
public:
    /// Starts a record of the log named path ("conn", "ssh", "http", ...; may be empty).
    void begin(std::string_view path, std::int64_t line);
    /// One present value (unset and empty values are not passed). False with a reason when a
    /// value that must be well-formed is not.
    bool set(ZeekRole role, std::string_view field, std::string_view value, RejectReason &reason);
    /// Completes the event; false with a reason when it has no usable timestamp.
    bool finish(Event &out, RejectReason &reason);

private:
    Event m_e;
    LabelBuilder m_labels;
    std::string m_path;
    std::int64_t m_origPkts = -1;
    std::int64_t m_respPkts = -1;
    int m_authSuccess = -1; ///< -1 unknown, 0 false, 1 true
    bool m_hasTs = false;
};

} // namespace netcase
