#pragma once

// Maps one Zeek log record (conn, ssh, http, dns, ssl, x509, files, notice, or any other log) to
// a normalised event. The TSV and JSON readers feed it (field, text) pairs; it knows the field
// names of Zeek's logs: https://docs.zeek.org/en/master/logs/.

#include "core/event.h"
#include "syslog/labelbuilder.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
    /// files.log and notice.log fields that name addresses, a port or sessions; false for others.
    bool setFileOrNotice(std::string_view field, std::string_view v);
    /// Sets out to the address v when out is still empty and v is an address.
    static bool setHostOnce(std::string &out, std::string_view v);

    Event m_e;
    LabelBuilder m_labels;
    std::string m_path;
    std::int64_t m_origPkts = -1;
    std::int64_t m_respPkts = -1;
    int m_authSuccess = -1; ///< -1 unknown, 0 false, 1 true
    bool m_hasTs = false;
    /// x509.log: (ECS name under x509, value) until host_cert/client_cert decide the prefix.
    std::vector<std::pair<std::string_view, std::string>> m_x509;
    bool m_hostCert = false;
    bool m_clientCert = false;
};

} // namespace netcase
