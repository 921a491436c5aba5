#include "yafimporter.h"

#include "api/labelsbuilder.h"
#include "api/recordloop.h"
#include "api/sampling.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "flow/flowfields.h"

#include <string>
#include <vector>

namespace netcase {

namespace {

// Columns before the optional MAC addresses, and those after them up to roct
// (yafscii(1), "Tabular Output"; YAF 2.x).
constexpr size_t kHead = 9;   // start-time end-time duration rtt proto sip sp dip dp
constexpr size_t kFlows = 12; // iflags uflags riflags ruflags isn risn tag rtag pkt oct rpkt roct
constexpr const char *kFlowNames[kFlows]
        = {"iflags", "uflags", "riflags", "ruflags", "isn",  "risn",
           "tag",    "rtag",   "pkt",     "oct",     "rpkt", "roct"};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> columns(std::string_view line)
{
    std::vector<std::string_view> out;
    size_t p = 0;
    for (;;) {
        const size_t d = line.find('|', p);
        out.push_back(trim(line.substr(p, d == std::string_view::npos ? d : d - p)));
        if (d == std::string_view::npos)
            return out;
        p = d + 1;
    }
}

/// Absent columns are zeros ("0", "000", "00000000", "0.000").
bool absent(std::string_view s)
{
    for (char c : s)
        if (c != '0' && c != '.')
            return false;
    return true;
}

bool isMac(std::string_view s)
{
    if (s.size() != 17)
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (i % 3 == 2 ? c != ':' : !hex)
            return false;
    }
    return true;
}

/// "2024-03-01 08:00:00.123" (yafscii's times, no zone: read as UTC).
bool yafTime(std::string_view s, std::int64_t &us)
{
    if (s.size() < 19 || s[10] != ' ')
        return false;
    std::string iso(s);
    iso[10] = 'T';
    iso += 'Z';
    const auto t = parseIso(iso);
    if (!t)
        return false;
    us = *t;
    return true;
}

/// Where the optional MAC columns put the flow columns, or 0 when the line is no YAF row.
size_t flowStart(const std::vector<std::string_view> &c)
{
    if (c.size() < kHead + kFlows)
        return 0;
    const size_t at = isMac(c[kHead]) && c.size() >= kHead + 2 + kFlows ? kHead + 2 : kHead;
    return at;
}

bool looksLikeRow(std::string_view line)
{
    const auto c = columns(line);
    std::int64_t us = 0;
    return flowStart(c) != 0 && yafTime(c[0], us);
}

} // namespace

int YafImporter::detect(std::string_view sample) const
{
    int tried = 0, ok = 0;
    forEachSampleLine(sample, 20, [&](std::string_view line) {
        ++tried;
        ok += looksLikeRow(line);
    });
    return tried > 0 && ok * 4 >= tried * 3 ? 75 : 0; // rows with the time and column count
}

Status YafImporter::parse(InputStream &in, ParseContext &ctx) const
{
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        const auto c = columns(line);
        const size_t at = flowStart(c);
        if (at == 0) {
            ctx.sink.reject(lineNo, RejectKind::Layout,
                            "expected at least " + std::to_string(kHead + kFlows)
                                    + " '|'-separated columns (yafscii --tabular), found "
                                    + std::to_string(c.size()),
                            line);
            return;
        }
        Event e;
        e.line = lineNo;
        e.category = "network";
        e.action = "flow";
        if (!yafTime(c[0], e.timestampUs)) {
            ctx.sink.reject(lineNo, RejectKind::BadTime,
                            "bad start-time (expected YYYY-MM-DD hh:mm:ss.sss)", line);
            return;
        }
        e.tzOffsetMin = 0;
        RejectReason bad;
        readFlowField(FlowField::Protocol, c[4], "proto", e, bad);
        readFlowField(FlowField::SourceIp, c[5], "sip", e, bad);
        readFlowField(FlowField::DestinationIp, c[7], "dip", e, bad);
        std::int64_t proto = -1;
        flowNumber(c[4], proto);
        const bool icmp = proto == 1 || proto == 58;
        LabelsBuilder labels;
        if (!icmp) {
            readFlowField(FlowField::SourcePort, c[6], "sp", e, bad);
            readFlowField(FlowField::DestinationPort, c[8], "dp", e, bad);
        } else if (std::int64_t tc = 0; flowNumber(c[8], tc)) {
            // ICMP type and code share dp: 256 * type + code.
            labels.add("icmp_type", std::to_string(tc / 256));
            labels.add("icmp_code", std::to_string(tc % 256));
        }
        if (!bad.empty()) {
            ctx.sink.reject(lineNo, bad, line);
            return;
        }
        if (std::int64_t us = 0; flowSecondsUs(c[2], 100000000, us))
            e.durationUs = us;
        labels.add("end_time", c[1]);
        if (!absent(c[3]))
            labels.add("rtt", c[3]);
        if (at == kHead + 2) { // --mac: ECS source.mac, destination.mac
            labels.add("source_mac", c[kHead]);
            labels.add("destination_mac", c[kHead + 1]);
        }
        std::int64_t pkt = 0, rpkt = 0, oct = 0, roct = 0;
        const bool counts = flowNumber(c[at + 8], pkt) && flowNumber(c[at + 10], rpkt);
        if (counts)
            e.packets = pkt + rpkt;
        if (flowNumber(c[at + 9], oct))
            e.sourceBytes = oct;
        if (flowNumber(c[at + 11], roct) && roct > 0)
            e.destinationBytes = roct;
        for (size_t i = 0; i < 8; ++i) // flags, sequence numbers, VLAN tags
            if (!absent(c[at + i]))
                labels.add(kFlowNames[i], c[at + i]);
        // After roct: applabel, entropy, rentropy and end-reason, or end-reason alone.
        const size_t rest = at + kFlows;
        const size_t left = c.size() - rest;
        if (left == 4) {
            if (!absent(c[rest]))
                labels.add("applabel", c[rest]);
            if (!absent(c[rest + 1]))
                labels.add("entropy", c[rest + 1]);
            if (!absent(c[rest + 2]))
                labels.add("rentropy", c[rest + 2]);
        }
        if (left == 4 || left == 1) {
            if (!absent(c.back()))
                labels.add("end_reason", c.back());
        } else {
            for (size_t i = rest; i < c.size(); ++i)
                labels.add("column_" + std::to_string(i + 1), c[i]);
        }
        e.labels = labels.take();
        utf8::repair(e);
        ctx.sink.event(std::move(e), line);
    });
}

} // namespace netcase
