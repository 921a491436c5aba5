#include "accesslogimporter.h"

#include "api/recordloop.h"
#include "api/sampling.h"
#include "weblog/accesslogparser.h"

namespace netcase {

namespace {

/// Resets an event for the next line but keeps its strings' buffers: constructing a fresh Event
/// per line cost an allocation for every long field (user agent, URL) of every line.
void clearEvent(Event &e)
{
#if defined(__x86_64__) && defined(__GLIBCXX__)
    // Trips when a field is added to Event, so that it gets reset here too.
    static_assert(sizeof(Event) == 632, "Event changed: update clearEvent()");
#endif
    const Event blank;
    for (std::string *s :
         {&e.category, &e.action, &e.sourceIp, &e.sourceDomain, &e.clientIp, &e.destinationIp,
          &e.destinationDomain, &e.hostName, &e.userName, &e.userAgent, &e.httpMethod, &e.urlPath,
          &e.transport, &e.sessionId, &e.deviceId, &e.mfa, &e.labels})
        s->clear();
    e.timestampUs = blank.timestampUs;
    e.tzOffsetMin = blank.tzOffsetMin;
    e.line = blank.line;
    e.outcome = blank.outcome;
    e.sourcePort = blank.sourcePort;
    e.destinationPort = blank.destinationPort;
    e.statusCode = blank.statusCode;
    e.bodyBytes = blank.bodyBytes;
    e.sourceBytes = blank.sourceBytes;
    e.destinationBytes = blank.destinationBytes;
    e.packets = blank.packets;
    e.durationUs = blank.durationUs;
}

} // namespace

int AccessLogImporter::detect(std::string_view sample) const
{
    int tried = 0, parsed = 0;
    forEachSampleLine(sample, 50, [&](std::string_view line) {
        Event e;
        ++tried;
        parsed += parseAccessLogLine(line, e).ok;
    });
    if (tried == 0 || parsed == 0)
        return 0;
    return 40 + 55 * parsed / tried;
}

Status AccessLogImporter::parse(InputStream &in, ParseContext &ctx) const
{
    Event e;
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        clearEvent(e);
        e.line = lineNo;
        const AccessLogResult r = parseAccessLogLine(line, e);
        if (r.ok && !r.rawForm().empty())
            ctx.sink.eventWithForm(std::move(e), line, r.rawForm());
        else if (r.ok)
            ctx.sink.event(std::move(e), line);
        else
            ctx.sink.reject(e.line, r.reason, line);
    });
}

} // namespace netcase
