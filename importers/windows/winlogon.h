#pragma once

// Windows Security logon events (4624, 4625, 4648, 4768, 4769, 4776) mapped to events, from
// their EventData fields by name. Shared by the JSON forms (Winlogbeat/Elastic NDJSON with
// winlog.event_data, Get-WinEvent | ConvertTo-Json with positional Properties) and any later
// reader of .evtx files.

#include "core/event.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netcase {

struct WinEventRecord
{
    int eventId = 0;
    std::string computer;
    std::string channel;
    std::string action; ///< the exporter's own event.action, when it gives one
    /// EventData as (Name, Value) pairs.
    std::vector<std::pair<std::string, std::string>> data;

    void clear();
    const std::string *find(std::string_view name) const;
};

/// EventData names of an event's positional values (Get-WinEvent's Properties[i]), per the
/// event's documented XML template; empty for events Netcase has no template for.
const std::vector<std::string_view> &winEventDataNames(int eventId);

/// Fills e's fields other than the time from a record: the logon events get event.category
/// "authentication", an action, event.outcome (4625 and a non-zero Status are failures), the
/// account, address, port, workstation and logon type; other events keep their EventData in
/// labels.
void mapWinEvent(const WinEventRecord &r, Event &e);

} // namespace netcase
