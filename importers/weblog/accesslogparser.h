#pragma once

// Parses one line of an Apache or Nginx access log: common, combined and vhost_combined, with
// optional trailing quoted fields (X-Forwarded-For). Pure and allocation-light; no Qt.

#include "core/event.h"

#include <string>
#include <string_view>

namespace netcase {

enum class AccessLogVariant { Common, Combined, VhostCombined };

struct AccessLogResult
{
    bool ok = false;
    const char *reason = nullptr; ///< static text when !ok
    AccessLogVariant variant = AccessLogVariant::Common;
};

/// Fills event from line. On failure returns ok = false with a reason; event is then undefined.
AccessLogResult parseAccessLogLine(std::string_view line, Event &event);

} // namespace netcase
