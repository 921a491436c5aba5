#include "journalimporter.h"

#include "api/recordloop.h"
#include "api/sampling.h"
#include "core/utf8.h"
#include "syslog/authmessage.h"
#include "syslog/jsonrecord.h"
#include "syslog/labelbuilder.h"

#include <charconv>

namespace netcase {

namespace {

std::string_view firstOf(const JsonRecord &r, std::string_view a, std::string_view b)
{
    const std::string_view v = r.get(a);
    return v.empty() ? r.get(b) : v;
}

/// journalctl writes a MESSAGE that is not valid UTF-8 as an array of byte values.
std::string messageText(std::string_view v)
{
    if (v.empty() || v.front() != '[')
        return std::string(v);
    std::string out;
    size_t p = 1;
    while (p < v.size()) {
        while (p < v.size() && (v[p] == ',' || v[p] == ' ' || v[p] == ']'))
            ++p;
        int b = 0;
        const auto r = std::from_chars(v.data() + p, v.data() + v.size(), b);
        if (r.ec != std::errc() || b < 0 || b > 255)
            break;
        out += char(b);
        p = size_t(r.ptr - v.data());
    }
    return out;
}

} // namespace

int JournalImporter::detect(std::string_view sample) const
{
    int tried = 0, hits = 0;
    forEachSampleLine(sample, 20, [&](std::string_view line) {
        ++tried;
        if (line.front() == '{' && line.find("\"__REALTIME_TIMESTAMP\"") != std::string_view::npos)
            ++hits;
    });
    return tried == 0 ? 0 : 95 * hits / tried;
}

Status JournalImporter::parse(InputStream &in, ParseContext &ctx) const
{
    JsonRecord rec;
    LabelBuilder labels;
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        RejectReason reason;
        if (!rec.parse(line, reason)) {
            ctx.sink.reject(lineNo, reason, line);
            return;
        }
        const std::string_view ts
                = firstOf(rec, "__REALTIME_TIMESTAMP", "_SOURCE_REALTIME_TIMESTAMP");
        std::int64_t us = 0;
        const auto r = std::from_chars(ts.data(), ts.data() + ts.size(), us);
        if (ts.empty() || r.ec != std::errc() || r.ptr != ts.data() + ts.size()) {
            ctx.sink.reject(lineNo, RejectKind::NoTime, "no __REALTIME_TIMESTAMP", line);
            return;
        }
        Event e;
        e.line = lineNo;
        e.timestampUs = us;
        e.tzOffsetMin = 0;
        e.hostName = utf8::repaired(rec.get("_HOSTNAME"));
        const std::string_view program = firstOf(rec, "SYSLOG_IDENTIFIER", "_COMM");
        labels.clear();
        labels.add("process", program);
        labels.add("pid", firstOf(rec, "_PID", "SYSLOG_PID"));
        labels.add("systemd_unit", rec.get("_SYSTEMD_UNIT"));
        labels.add("priority", rec.get("PRIORITY"));
        const std::string message = messageText(rec.get("MESSAGE"));
        classifyAuthMessage(program, message, e, labels);
        e.labels = labels.take();
        ctx.sink.event(std::move(e), line);
    });
}

} // namespace netcase
