#include "winxmlimporter.h"

#include "api/recordloop.h"
#include "windows/winxml.h"

#include <algorithm>

namespace netcase {

namespace {

constexpr size_t kMaxRecord = size_t(1) << 20; // an event's XML is a few KB

/// The next "<Event" that opens an event element (not <EventData>, <EventID>, <Events>).
size_t findEventStart(std::string_view s, size_t from)
{
    for (size_t p = s.find("<Event", from); p != std::string_view::npos;
         p = s.find("<Event", p + 1)) {
        if (p + 6 < s.size()) {
            const char c = s[p + 6];
            if (c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n')
                return p;
        }
    }
    return std::string_view::npos;
}

std::int64_t newlines(std::string_view s)
{
    return std::count(s.begin(), s.end(), '\n');
}

} // namespace

int WinXmlImporter::detect(std::string_view sample) const
{
    if (sample.find("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"")
        != std::string_view::npos)
        return 95;
    const size_t start = findEventStart(sample, 0);
    if (start != std::string_view::npos && sample.find("<System>", start) != std::string_view::npos
        && sample.find("<EventID", start) != std::string_view::npos)
        return 80;
    return 0;
}

Status WinXmlImporter::parse(InputStream &in, ParseContext &ctx) const
{
    std::string buf;
    size_t pos = 0;        // what is before pos is done
    std::int64_t line = 1; // the line of buf[pos]
    bool eof = false;
    std::string chunk(1 << 16, '\0');
    WinEventRecord rec;
    auto readMore = [&]() -> Status {
        if (!ctx.progress(in.position()))
            return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        buf.erase(0, pos);
        pos = 0;
        const std::int64_t n = in.read(chunk.data(), std::int64_t(chunk.size()));
        if (n < 0)
            return makeError(QStringLiteral("read error: %1").arg(in.errorString()));
        eof = n == 0;
        buf.append(chunk.data(), size_t(n));
        return {};
    };
    for (;;) {
        const std::string_view s(buf);
        const size_t start = findEventStart(s, pos);
        if (start == std::string_view::npos) {
            if (eof)
                break;
            // Keep a partial "<Event" at the end for the next read.
            const size_t keep = std::max(pos, s.size() > 6 ? s.size() - 6 : size_t(0));
            line += newlines(s.substr(pos, keep - pos));
            pos = keep;
            if (Status st = readMore(); !st.ok())
                return st;
            continue;
        }
        const size_t close = s.find("</Event>", start);
        if (close == std::string_view::npos) {
            if (s.size() - start > kMaxRecord) {
                line += newlines(s.substr(pos, start - pos));
                ctx.sink.reject(line, RejectKind::TooLong, "event longer than 1 MiB",
                                s.substr(start, kRejectExcerptBytes));
                line += newlines(s.substr(start));
                pos = s.size();
                // Skip to the end of this event.
                for (;;) {
                    if (Status st = readMore(); !st.ok())
                        return st;
                    const size_t c = buf.find("</Event>");
                    if (c != std::string::npos || eof) {
                        const size_t to = c == std::string::npos ? buf.size() : c + 8;
                        line += newlines(std::string_view(buf).substr(0, to));
                        pos = to;
                        break;
                    }
                    line += newlines(buf);
                    pos = buf.size();
                }
                continue;
            }
            if (eof) {
                line += newlines(s.substr(pos, start - pos));
                ctx.sink.reject(line, RejectKind::Syntax, "unterminated <Event> element",
                                s.substr(start, kRejectExcerptBytes));
                break;
            }
            if (Status st = readMore(); !st.ok())
                return st;
            continue;
        }
        const size_t end = close + 8;
        line += newlines(s.substr(pos, start - pos));
        const std::string_view xml = s.substr(start, end - start);
        Event e;
        e.line = line;
        const RejectReason why = winXmlEvent(xml, rec, e);
        if (why.empty())
            ctx.sink.event(std::move(e), xml);
        else
            ctx.sink.reject(line, why, xml.substr(0, kRejectExcerptBytes));
        line += newlines(xml);
        pos = end;
    }
    ctx.progress(in.position());
    return {};
}

} // namespace netcase
