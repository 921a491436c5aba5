#include "syslogimporter.h"

#include "api/recordloop.h"
#include "api/sampling.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "syslog/authmessage.h"
#include "syslog/labelbuilder.h"
#include "syslog/localzone.h"
#include "syslog/syslogline.h"
#include "syslog/yeartracker.h"

#include <QDateTime>

#include <algorithm>
#include <climits>
#include <string>

namespace netcase {

namespace {

/// Once per file: how the year and the zone of RFC 3164 stamps (which carry neither) were chosen.
void noteBsdStamps(ParseContext &ctx, bool inferred, int minYear, int maxYear)
{
    std::string years = std::to_string(minYear);
    if (maxYear != minYear)
        years += "\u2013" + std::to_string(maxYear);
    ctx.sink.note(inferred ? "year not in the file: assumed " + years
                                     + " (counting back from today; use --year to set it)"
                           : "year not in the file: " + years + " as given by --year");
    ctx.sink.note("times without a zone read as " + ctx.options.timezone.toStdString()
                  + " (--timezone)");
}

} // namespace

int SyslogImporter::detect(std::string_view sample) const
{
    int tried = 0, parsed = 0, tagged = 0;
    forEachSampleLine(sample, 50, [&](std::string_view line) {
        ++tried;
        SyslogLine s;
        RejectReason reason;
        if (parseSyslogLine(line, s, reason)) {
            ++parsed;
            tagged += !s.program.empty();
        }
    });
    if (tried == 0 || parsed == 0)
        return 0;
    // A host and a "tag:" on most lines is what makes this syslog and not some other
    // timestamped text.
    return 30 + 35 * parsed / tried + 30 * tagged / tried;
}

Status SyslogImporter::parse(InputStream &in, ParseContext &ctx) const
{
    auto zone = LocalZone::fromName(ctx.options.timezone);
    if (!zone)
        return zone.error();
    YearTracker years(ctx.options.year, QDateTime::currentMSecsSinceEpoch() * 1000);
    LabelBuilder labels;
    int minYear = INT_MAX, maxYear = INT_MIN;
    Status status = forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        SyslogLine s;
        RejectReason reason;
        if (!parseSyslogLine(line, s, reason)) {
            ctx.sink.reject(lineNo, reason, line);
            return;
        }
        Event e;
        e.line = lineNo;
        if (s.kind == SyslogLine::Kind::Bsd) {
            const int year = years.yearFor(s.month, s.day);
            minYear = std::min(minYear, year);
            maxYear = std::max(maxYear, year);
            int off = 0;
            e.timestampUs = zone->toUtc(
                    toEpochUs(year, s.month, s.day, s.hour, s.minute, s.second, s.micros), off);
            e.tzOffsetMin = std::int16_t(off);
        } else {
            e.timestampUs = s.utcUs;
            e.tzOffsetMin = std::int16_t(s.offsetMin);
        }
        e.hostName = utf8::repaired(s.host);
        labels.clear();
        labels.add("process", s.program);
        labels.add("pid", s.pid);
        if (s.kind == SyslogLine::Kind::Rfc5424) {
            labels.add("msgid", s.msgId);
            labels.add("structured_data", s.structuredData);
        }
        if (s.priority >= 0) {
            labels.addNumber("syslog_facility", s.priority / 8);
            labels.addNumber("syslog_severity", s.priority % 8);
        }
        classifyAuthMessage(s.program, s.message, e, labels);
        e.labels = labels.take();
        ctx.sink.event(std::move(e), line);
    });
    if (status.ok() && minYear <= maxYear)
        noteBsdStamps(ctx, years.inferred(), minYear, maxYear);
    return status;
}

} // namespace netcase
