#include "errorlogimporter.h"

#include "api/labelsbuilder.h"
#include "api/recordloop.h"
#include "api/sampling.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "syslog/localzone.h"
#include "syslog/yeartracker.h"
#include "weblog/accesslogparser.h"
#include "weblog/errorlogline.h"

#include <QDateTime>

namespace netcase {

namespace {

std::string text(std::string_view v)
{
    return utf8::isValid(v) ? std::string(v) : utf8::repaired(v);
}

bool isFailureLevel(std::string_view l)
{
    return l == "error" || l == "crit" || l == "alert" || l == "emerg";
}

/// "AH00126" at the start of an Apache 2.4 message: the error's stable number.
std::string_view apacheCode(std::string_view m)
{
    if (m.size() < 8 || m[0] != 'A' || m[1] != 'H' || m[7] != ':')
        return {};
    for (size_t i = 2; i < 7; ++i)
        if (m[i] < '0' || m[i] > '9')
            return {};
    return m.substr(0, 7);
}

void fillEvent(const ErrorLogLine &l, Event &e, LabelsBuilder &labels)
{
    e.category = "web";
    e.action = "web_server_error";
    if (isFailureLevel(l.level))
        e.outcome = Outcome::Failure;
    labels.add("log_level", l.level);
    labels.add("log_logger", l.module);
    labels.add("process_pid", l.pid);
    labels.add("process_thread_id", l.tid);
    labels.add("error_code", apacheCode(l.message));
    labels.add("error_status", text(l.errorStatus));
    labels.add("connection_id", l.connection);
    if (!l.client.empty()) {
        std::string ip;
        int port = -1;
        if (splitClient(l.client, l.clientHasPort, ip, port)) {
            e.sourceIp = ip;
            e.sourcePort = port;
        } else {
            labels.add("client", text(l.client));
        }
    }
    if (!l.request.empty()) {
        Event req;
        splitHttpRequest(l.request, req);
        if (!req.httpMethod.empty()) {
            e.httpMethod = text(req.httpMethod);
            e.urlPath = text(req.urlPath);
        } else {
            labels.add("request", text(l.request));
        }
    }
    // Nginx auth_basic: 'user "bob": password mismatch', 'user "bob" was not found in "..."'.
    if (l.message.starts_with("user \"")) {
        const size_t q = l.message.find('"', 6);
        if (q != std::string_view::npos)
            e.userName = text(l.message.substr(6, q - 6));
    }
    e.destinationDomain = text(l.host);
    labels.add("server_name", text(l.server));
    labels.add("upstream", text(l.upstream));
    labels.add("http_referrer", text(l.referrer));
    labels.add("message", text(l.message));
}

} // namespace

int ErrorLogImporter::detect(std::string_view sample) const
{
    int tried = 0, parsed = 0;
    forEachSampleLine(sample, 50, [&](std::string_view line) {
        ++tried;
        ErrorLogLine l;
        RejectReason why;
        parsed += parseErrorLogLine(line, l, why);
    });
    if (tried == 0 || parsed == 0)
        return 0;
    return 40 + 55 * parsed / tried;
}

Status ErrorLogImporter::parse(InputStream &in, ParseContext &ctx) const
{
    auto zone = LocalZone::fromName(ctx.options.timezone);
    if (!zone)
        return zone.error();
    YearTracker years(ctx.options.year, QDateTime::currentMSecsSinceEpoch() * 1000);
    bool yearless = false, any = false;
    LabelsBuilder labels;
    const Status status = forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        ErrorLogLine l;
        RejectReason why;
        if (!parseErrorLogLine(line, l, why)) {
            ctx.sink.reject(lineNo, why, line);
            return;
        }
        int year = l.year;
        if (year == 0) {
            year = years.yearFor(l.month, l.day);
            yearless = true;
        }
        Event e;
        e.line = lineNo;
        int off = 0;
        e.timestampUs = zone->toUtc(
                toEpochUs(year, l.month, l.day, l.hour, l.minute, l.second, l.micros), off);
        e.tzOffsetMin = std::int16_t(off);
        labels.clear();
        fillEvent(l, e, labels);
        e.labels = labels.take();
        any = true;
        ctx.sink.event(std::move(e), line);
    });
    if (status.ok() && yearless)
        ctx.sink.note(years.inferred() ? "year not in some time stamps: counted back from today "
                                         "(use --year to set it)"
                                       : "year not in some time stamps: taken from --year");
    if (status.ok() && any)
        ctx.sink.note("error log times carry no zone: read as " + ctx.options.timezone.toStdString()
                      + " (--timezone)");
    return status;
}

} // namespace netcase
