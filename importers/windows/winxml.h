#pragma once

// One Windows event as the XML the Event Log renders it in (<Event xmlns=...><System>...
// </System><EventData><Data Name="...">...</Data></EventData></Event>): what libevtx gives for
// each .evtx record and what `wevtutil qe LOG /f:xml` and Get-WinEvent's ToXml() write. The
// EventData Name/Value pairs go into a WinEventRecord so the one logon mapping
// (windows/winlogon.h) reads them, whatever the file they came from.

#include "core/event.h"
#include "windows/winlogon.h"

#include <string_view>

namespace netcase {

/// Reads one <Event> element into r and the time (System/TimeCreated@SystemTime) into e, then
/// maps it with mapWinEvent(); empty reason on success.
RejectReason winXmlEvent(std::string_view xml, WinEventRecord &r, Event &e);

} // namespace netcase
