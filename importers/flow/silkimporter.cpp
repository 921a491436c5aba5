#include "silkimporter.h"

#include "api/labelsbuilder.h"
#include "api/recordloop.h"
#include "api/sampling.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "flow/flowfields.h"

#include <charconv>
#include <unordered_map>
#include <vector>

namespace netcase {

namespace {

// rwcut's column titles (tools.netsa.cert.org/silk/rwcut.html, --fields).
enum class F { Other, SrcIp, DstIp, SrcPort, DstPort, Proto, Packets, Bytes, STime, Dur, ETime };

F fieldOf(std::string_view title)
{
    static const std::unordered_map<std::string_view, F> t = {
            {"sIP", F::SrcIp},       {"dIP", F::DstIp},   {"sPort", F::SrcPort},
            {"dPort", F::DstPort},   {"pro", F::Proto},   {"protocol", F::Proto},
            {"packets", F::Packets}, {"bytes", F::Bytes}, {"sTime", F::STime},
            {"duration", F::Dur},    {"dur", F::Dur},     {"eTime", F::ETime},
    };
    const auto it = t.find(title);
    return it == t.end() ? F::Other : it->second;
}

const std::vector<std::string> kDefaultTitles
        = {"sIP",   "dIP",   "sPort", "dPort",    "pro",   "packets",
           "bytes", "flags", "sTime", "duration", "eTime", "sensor"};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

/// Splits on delim, trimming the padding; a final delimiter (rwcut's default) ends the record.
std::vector<std::string_view> split(std::string_view line, char delim)
{
    std::vector<std::string_view> out;
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    size_t p = 0;
    while (p <= line.size()) {
        const size_t d = line.find(delim, p);
        const size_t end = d == std::string_view::npos ? line.size() : d;
        out.push_back(trim(line.substr(p, end - p)));
        if (d == std::string_view::npos)
            break;
        p = d + 1;
        if (p == line.size())
            break; // the final delimiter
    }
    return out;
}

/// The delimiter of a title line: the first character after "sIP" that is not a space.
char titleDelimiter(std::string_view line)
{
    const std::string_view t = trim(line);
    if (!t.starts_with("sIP"))
        return 0;
    for (size_t i = 3; i < t.size(); ++i) {
        if (t[i] != ' ' && t[i] != '\t')
            return t[i] == 'd' ? 0 : t[i]; // "sIP dIP" would be --column-separator=' '
    }
    return 0;
}

/// Seconds with up to 6 decimals ("12.345") as microseconds, up to the year 9999.
bool seconds(std::string_view s, std::int64_t &us)
{
    return flowSecondsUs(s, 253402300799, us);
}

/// rwcut's default "2024/03/01T08:00:00.123", --timestamp-format=iso "2024-03-01 08:00:00.123"
/// or epoch "1709280000.123"; SiLK prints UTC unless built for local time.
bool silkTime(std::string_view s, std::int64_t &us)
{
    if (s.size() >= 19 && s[4] == '/' && s[7] == '/' && s[10] == 'T') {
        std::string iso(s);
        iso[4] = '-';
        iso[7] = '-';
        if (const auto t = parseIso(iso)) {
            us = *t;
            return true;
        }
        return false;
    }
    if (s.size() >= 19 && s[4] == '-') {
        if (const auto t = parseIso(s)) {
            us = *t;
            return true;
        }
        return false;
    }
    return seconds(s, us);
}

bool looksLikeDefaultRecord(std::string_view line)
{
    const auto f = split(line, '|');
    std::int64_t t = 0;
    std::string ip;
    return f.size() == kDefaultTitles.size() && normaliseIp(f[0], ip) && normaliseIp(f[1], ip)
           && silkTime(f[8], t);
}

} // namespace

int SilkImporter::detect(std::string_view sample) const
{
    const std::string_view first = sample.substr(0, sample.find('\n'));
    if (const char d = titleDelimiter(first)) {
        const auto titles = split(first, d);
        int known = 0;
        for (std::string_view t : titles)
            known += fieldOf(t) != F::Other;
        return titles.size() > 1 && titles[1] == "dIP" ? 95 : known >= 3 ? 80 : 0;
    }
    int tried = 0, ok = 0;
    forEachSampleLine(sample, 20, [&](std::string_view line) {
        ++tried;
        ok += looksLikeDefaultRecord(line);
    });
    return tried > 0 && ok * 10 >= tried * 9 ? 70 : 0;
}

Status SilkImporter::parse(InputStream &in, ParseContext &ctx) const
{
    std::vector<std::string> titles;
    std::vector<F> slots;
    char delim = '|';
    auto use = [&](std::vector<std::string> t) {
        titles = std::move(t);
        slots.clear();
        for (const std::string &name : titles)
            slots.push_back(fieldOf(name));
    };
    bool first = true;
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        if (const char d = titleDelimiter(line)) {
            delim = d;
            std::vector<std::string> t;
            for (std::string_view s : split(line, d))
                t.emplace_back(s);
            use(std::move(t)); // titles, also where outputs were concatenated
            first = false;
            return;
        }
        if (first) {
            use(kDefaultTitles);
            ctx.sink.note("no title line: read as rwcut's default fields (sIP|dIP|sPort|dPort|"
                          "pro|packets|bytes|flags|sTime|duration|eTime|sensor)");
            first = false;
        }
        const auto f = split(line, delim);
        if (f.size() != slots.size()) {
            ctx.sink.reject(lineNo, columnCountMismatch(slots.size(), f.size()), line);
            return;
        }
        Event e;
        e.line = lineNo;
        e.category = "network";
        e.action = "flow";
        LabelsBuilder labels;
        std::int64_t start = -1, end = -1, dur = -1;
        RejectReason bad;
        for (size_t i = 0; i < f.size() && bad.empty(); ++i) {
            const std::string_view v = f[i];
            switch (slots[i]) {
            case F::SrcIp:
                readFlowField(FlowField::SourceIp, v, titles[i], e, bad);
                break;
            case F::DstIp:
                readFlowField(FlowField::DestinationIp, v, titles[i], e, bad);
                break;
            case F::SrcPort:
                readFlowField(FlowField::SourcePort, v, titles[i], e, bad);
                break;
            case F::DstPort:
                readFlowField(FlowField::DestinationPort, v, titles[i], e, bad);
                break;
            case F::Proto:
                readFlowField(FlowField::Protocol, v, titles[i], e, bad);
                break;
            case F::Packets:
                readFlowField(FlowField::Packets, v, titles[i], e, bad);
                break;
            case F::Bytes:
                readFlowField(FlowField::Bytes, v, titles[i], e, bad);
                break;
            case F::STime:
                if (!silkTime(v, start))
                    bad = {RejectKind::BadTime, "sTime does not read"};
                break;
            case F::ETime:
                if (!silkTime(v, end))
                    end = -1;
                break;
            case F::Dur:
                if (!seconds(v, dur))
                    dur = -1;
                break;
            case F::Other:
                labels.add(titles[i], utf8::isValid(v) ? std::string(v) : utf8::repaired(v));
                break;
            }
        }
        if (!bad.empty()) {
            ctx.sink.reject(lineNo, bad, line);
            return;
        }
        if (start < 0) {
            ctx.sink.reject(lineNo, RejectKind::NoTime, "no sTime", line);
            return;
        }
        e.timestampUs = start;
        e.tzOffsetMin = 0;
        e.durationUs = dur >= 0 ? dur : end >= start ? end - start : -1;
        e.labels = labels.take();
        ctx.sink.event(std::move(e), line);
    });
}

} // namespace netcase
