#pragma once

// How a normalised Event maps onto a stored row (EventInts): its numbers go in directly, its text
// through the dictionaries (strs, or ips for addresses). Shared by the EventWriter, which interns
// on the database thread, and the import pipeline's BatchCollector and BatchInterner.

#include "core/event.h"
#include "store/eventblock.h"

#include <array>
#include <string>

namespace netcase {

struct TextColumn
{
    int column; ///< index in EventInts
    std::string Event::*field;
    bool ip;      ///< interned in the ips dictionary (canonical address text)
    bool repeats; ///< mostly the same value from one event to the next: compare with the last first
};

inline constexpr std::array<TextColumn, 16> kTextColumns = {{
        {ColCategory, &Event::category, false, true},
        {ColAction, &Event::action, false, true},
        {ColSourceIp, &Event::sourceIp, true, false},
        {ColSourceDomain, &Event::sourceDomain, false, false},
        {ColClientIp, &Event::clientIp, true, false},
        {ColDestinationIp, &Event::destinationIp, true, false},
        {ColDestinationDomain, &Event::destinationDomain, false, true},
        {ColHost, &Event::hostName, false, true},
        {ColUser, &Event::userName, false, false},
        {ColUserAgent, &Event::userAgent, false, false},
        {ColHttpMethod, &Event::httpMethod, false, true},
        {ColUrl, &Event::urlPath, false, false},
        {ColTransport, &Event::transport, false, true},
        {ColSession, &Event::sessionId, false, false},
        {ColDevice, &Event::deviceId, false, false},
        {ColMfa, &Event::mfa, false, true},
}};

/// Fills the numeric columns of row from e (absent numbers become kNull); text columns untouched.
void fillNumbers(const Event &e, EventInts &row);

} // namespace netcase
