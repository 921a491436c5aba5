#include "nfdumpimporter.h"

#include "api/recordloop.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "flow/flowfields.h"
#include "syslog/labelbuilder.h"
#include "syslog/localzone.h"

#include <charconv>
#include <string>
#include <vector>

namespace netcase {

namespace {

enum Col : std::uint8_t {
    TsStart,
    TsEnd,
    Duration,
    SrcAddr,
    DstAddr,
    SrcPort,
    DstPort,
    Proto,
    InPkts,
    InBytes,
    OutPkts,
    OutBytes,
    Label,
    Ignore
};

struct Column
{
    Col col = Ignore;
    std::string_view label; ///< labels key for Label columns
};

Column columnFor(std::string_view name)
{
    struct Entry
    {
        std::string_view name;
        Col col;
        std::string_view label;
    };
    static constexpr Entry table[] = {
            {"ts", TsStart, {}},
            {"te", TsEnd, {}},
            {"td", Duration, {}},
            {"sa", SrcAddr, {}},
            {"da", DstAddr, {}},
            {"sp", SrcPort, {}},
            {"dp", DstPort, {}},
            {"pr", Proto, {}},
            {"ipkt", InPkts, {}},
            {"ibyt", InBytes, {}},
            {"opkt", OutPkts, {}},
            {"obyt", OutBytes, {}},
            {"flg", Label, "tcp_flags"},
            {"fwd", Label, "forwarding_status"},
            {"stos", Label, "src_tos"},
            {"in", Label, "input_interface"},
            {"out", Label, "output_interface"},
            {"sas", Label, "src_as"},
            {"das", Label, "dst_as"},
            {"dir", Label, "direction"},
            {"nh", Label, "next_hop"},
            {"ra", Label, "exporter"},
            {"exid", Label, "exporter_id"},
            {"tr", Label, "received"},
    };
    for (const Entry &e : table) {
        if (e.name == name)
            return {e.col, e.label};
    }
    return {};
}

// Not core/csv.h on purpose: `nfdump -o csv` never quotes (its fields are numbers, addresses
// and flag letters), so a plain cut at commas gives the same fields, and views into the line
// instead of a string per field keep the import of millions of flows fast.
void splitCsv(std::string_view line, std::vector<std::string_view> &out)
{
    out.clear();
    size_t p = 0;
    for (;;) {
        const size_t q = line.find(',', p);
        out.push_back(line.substr(p, q == std::string_view::npos ? std::string_view::npos : q - p));
        if (q == std::string_view::npos)
            return;
        p = q + 1;
    }
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

bool toInt(std::string_view s, std::int64_t &v)
{
    s = trim(s);
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

/// "18.123" seconds to microseconds; false for text or for nfdump's wrapped-around negative
/// durations (printed as 18446744073709540.000).
bool durationUs(std::string_view s, std::int64_t &us)
{
    return flowSecondsUs(trim(s), 10LL * 365 * 86400, us);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

bool isHeader(std::string_view line)
{
    return line.substr(0, 3) == "ts," && line.find(",sa,") != std::string_view::npos
           && line.find(",da,") != std::string_view::npos;
}

} // namespace

int NfdumpImporter::detect(std::string_view sample) const
{
    size_t p = 0;
    while (p < sample.size() && (sample[p] == '\n' || sample[p] == '\r'))
        ++p;
    return isHeader(sample.substr(p, sample.find('\n', p) - p)) ? 95 : 0;
}

Status NfdumpImporter::parse(InputStream &in, ParseContext &ctx) const
{
    auto zone = LocalZone::fromName(ctx.options.timezone);
    if (!zone)
        return zone.error();
    std::vector<Column> columns;
    std::vector<std::string_view> parts;
    std::vector<std::string_view> summaryHeader;
    LabelBuilder labels;
    std::int64_t rows = 0;
    enum class State { Header, Rows, Summary } state = State::Header;
    Status status = forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        if (isHeader(line)) {
            splitCsv(line, parts);
            columns.clear();
            for (std::string_view name : parts)
                columns.push_back(columnFor(trim(name)));
            state = State::Rows;
            return;
        }
        if (trim(line) == "Summary" || line.substr(0, 8) == "Summary:") {
            state = State::Summary;
            return;
        }
        if (state == State::Summary) {
            // "flows,bytes,packets,..." then the totals. Check the flow count.
            splitCsv(line, parts);
            if (!parts.empty() && trim(parts[0]) == "flows") {
                return;
            }
            std::int64_t flows = -1;
            if (!parts.empty() && toInt(parts[0], flows) && flows != rows) {
                const std::string why = "nfdump summary counts " + std::to_string(flows)
                                        + " flows but the file has " + std::to_string(rows)
                                        + " rows (cut or concatenated output?)";
                ctx.sink.reject(lineNo, RejectKind::Layout, why, line);
            }
            return;
        }
        if (state == State::Header) {
            if (line.substr(0, 18) == "No matching flows")
                return; // nfdump's message for an empty selection: no record
            ctx.sink.reject(lineNo, RejectKind::Layout, "flow line before the nfdump CSV header",
                            line);
            return;
        }
        ++rows;
        splitCsv(line, parts);
        if (parts.size() != columns.size()) {
            ctx.sink.reject(lineNo, RejectKind::Layout, "number of values differs from the header",
                            line);
            return;
        }
        Event e;
        e.line = lineNo;
        e.category = "network";
        e.action = "flow";
        labels.clear();
        RejectReason bad;
        std::int64_t inPkts = -1, outPkts = -1, v = 0;
        bool haveTs = false;
        for (size_t i = 0; i < parts.size() && bad.empty(); ++i) {
            const std::string_view value = trim(parts[i]);
            switch (columns[i].col) {
            case TsStart: {
                const auto t = parseIso(value);
                if (!t) {
                    bad = {RejectKind::BadTime, "flow start time (ts) not understood"};
                    break;
                }
                int off = 0;
                e.timestampUs = zone->toUtc(*t, off);
                e.tzOffsetMin = std::int16_t(off);
                haveTs = true;
                break;
            }
            case TsEnd:
                labels.add("flow_end", value);
                break;
            case Duration:
                if (!durationUs(value, e.durationUs))
                    labels.add("invalid_duration", value);
                break;
            case SrcAddr:
            case DstAddr: {
                std::string &out = columns[i].col == SrcAddr ? e.sourceIp : e.destinationIp;
                if (!normaliseIp(value, out))
                    bad = {RejectKind::BadValue, "flow address is not an IP address"};
                break;
            }
            case SrcPort:
            case DstPort:
                if (toInt(value, v) && v >= 0 && v <= 65535)
                    (columns[i].col == SrcPort ? e.sourcePort : e.destinationPort)
                            = std::int32_t(v);
                break;
            case Proto:
                e.transport = lower(utf8::repaired(value));
                break;
            case InPkts:
                if (toInt(value, v) && v >= 0)
                    inPkts = v;
                break;
            case OutPkts:
                if (toInt(value, v) && v >= 0)
                    outPkts = v;
                break;
            case InBytes:
                // Bytes counted in the flow's direction: what the source sent.
                if (toInt(value, v) && v >= 0)
                    e.sourceBytes = v;
                break;
            case OutBytes:
                if (toInt(value, v) && v > 0)
                    e.destinationBytes = v;
                break;
            case Label:
                if (value != "0" && value != "0.0.0.0")
                    labels.add(columns[i].label, value);
                break;
            case Ignore:
                break;
            }
        }
        if (bad.empty() && !haveTs)
            bad = {RejectKind::NoTime, "no flow start time (ts) column"};
        if (!bad.empty()) {
            ctx.sink.reject(lineNo, bad, line);
            return;
        }
        if (inPkts >= 0 || outPkts >= 0)
            e.packets = std::max<std::int64_t>(inPkts, 0) + std::max<std::int64_t>(outPkts, 0);
        e.labels = labels.take();
        ctx.sink.event(std::move(e), line);
    });
    if (status.ok() && rows > 0) // nfdump's CSV times carry no zone
        ctx.sink.note("times without a zone read as " + ctx.options.timezone.toStdString()
                      + " (--timezone)");
    return status;
}

} // namespace netcase
