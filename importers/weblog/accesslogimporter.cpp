#include "accesslogimporter.h"

#include "api/linereader.h"
#include "api/sampling.h"
#include "weblog/accesslogparser.h"

namespace netcase {

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
    LineReader reader(in);
    std::string_view line;
    Event e;
    std::int64_t sinceCheck = 0;
    while (reader.next(line)) {
        if (++sinceCheck >= 4096) {
            sinceCheck = 0;
            if (!ctx.progress(in.position()))
                return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        }
        if (line.empty())
            continue;
        e = Event();
        e.line = reader.lineNumber();
        if (reader.truncated()) {
            ctx.sink.reject(e.line, "line longer than 1 MiB", line.substr(0, 4096));
            continue;
        }
        const AccessLogResult r = parseAccessLogLine(line, e);
        if (r.ok)
            ctx.sink.event(std::move(e), line);
        else
            ctx.sink.reject(e.line, r.reason, line);
    }
    if (reader.failed())
        return makeError(QStringLiteral("read error: %1").arg(in.errorString()));
    ctx.progress(in.position());
    return {};
}

} // namespace netcase
