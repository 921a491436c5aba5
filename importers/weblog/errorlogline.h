#pragma once

// Parses one line of an Apache or Nginx error log into its parts (no time zone applied, no
// event built): Apache 2.4 "[Wed Oct 11 14:32:52.123456 2023] [core:error] [pid 1234:tid 5678]
// [client 1.2.3.4:5678] AH00126: message", Apache 2.2 "[Wed Oct 11 14:32:52 2023] [error]
// [client 1.2.3.4] message" (also without the year, and the ISO stamp of ErrorLogFormat's
// %{cu}t), and Nginx "2023/10/11 14:32:52 [error] 1234#1234: *5 message, client: 1.2.3.4,
// server: x, request: "GET /p HTTP/1.1", host: "h"". Pure; no Qt.

#include "core/rejectreason.h"

#include <string>
#include <string_view>

namespace netcase {

struct ErrorLogLine
{
    enum class Kind { Apache, Nginx } kind = Kind::Apache;
    int year = 0; ///< 0 when the stamp has none
    int month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0;
    std::string_view module; ///< Apache 2.4 "core" of [core:error]
    std::string_view level;  ///< error, warn, crit, ...
    std::string_view pid, tid;
    std::string_view client;      ///< the client address as written, possibly with its port
    bool clientHasPort = false;   ///< Apache 2.4 writes address:port (IPv6 without brackets)
    std::string_view errorStatus; ///< Apache's "(13)Permission denied" before the client
    std::string_view connection;  ///< Nginx "*5" connection number, without the star
    std::string_view message;     ///< the text, without Nginx's trailing key: value list
    std::string server, request, upstream, host, referrer; ///< Nginx's trailing keys
};

/// Fills out from line; false with a reason when the line is not an error log line.
bool parseErrorLogLine(std::string_view line, ErrorLogLine &out, RejectReason &why);

/// Splits an Apache client value into address and port (-1 when none); false when the address
/// does not read.
bool splitClient(std::string_view client, bool hasPort, std::string &ip, int &port);

} // namespace netcase
