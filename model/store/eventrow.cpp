#include "eventrow.h"

namespace netcase {

namespace {

// NULL in the store for a negative (absent) number.
std::int64_t numOrNull(std::int64_t v)
{
    return v >= 0 ? v : kNull;
}

} // namespace

void fillNumbers(const Event &e, EventInts &r)
{
    r[ColLine] = e.line;
    r[ColTs] = e.timestampUs;
    r[ColTzOffset] = e.tzOffsetMin == kNoOffset ? kNull : e.tzOffsetMin;
    r[ColOutcome] = int(e.outcome);
    r[ColSourcePort] = numOrNull(e.sourcePort);
    r[ColDestinationPort] = numOrNull(e.destinationPort);
    r[ColStatus] = numOrNull(e.statusCode);
    r[ColBodyBytes] = numOrNull(e.bodyBytes);
    r[ColSourceBytes] = numOrNull(e.sourceBytes);
    r[ColDestinationBytes] = numOrNull(e.destinationBytes);
    r[ColPackets] = numOrNull(e.packets);
    r[ColDuration] = numOrNull(e.durationUs);
}

} // namespace netcase
