#pragma once

// Parses one line of an Apache or Nginx access log: common, combined and vhost_combined, with
// optional trailing quoted fields (X-Forwarded-For). Pure and allocation-light; no Qt.

#include "core/event.h"

#include <array>
#include <string>
#include <string_view>

namespace netcase {

enum class AccessLogVariant { Common, Combined, VhostCombined };

struct AccessLogResult
{
    bool ok = false;
    RejectReason reason; ///< why, when !ok
    AccessLogVariant variant = AccessLogVariant::Common;
    /// The raw form (rawform.h) the line would be rebuilt under, when the request line had an
    /// HTTP version; whether the line really is rebuilt exactly is for rawform::rebuilds().
    std::string_view rawForm() const { return std::string_view(form.data(), formSize); }
    std::array<char, 8> form{};
    size_t formSize = 0;
};

/// Splits an HTTP request line "METHOD target PROTOCOL" into http.request.method and
/// url.original; anything else (TLS handshakes, garbage) is kept as labels.malformed_request
/// with the action http_malformed_request. Returns the protocol's version ("1.1") if any.
std::string_view splitHttpRequest(const std::string &request, Event &event);

/// Fills event from line. On failure returns ok = false with a reason; event is then undefined.
AccessLogResult parseAccessLogLine(std::string_view line, Event &event);

} // namespace netcase
