#include "vpcflowimporter.h"

#include "api/labelsbuilder.h"
#include "api/recordloop.h"
#include "core/ipaddr.h"
#include "core/utf8.h"
#include "flow/flowfields.h"

#include <charconv>
#include <unordered_map>
#include <vector>

namespace netcase {

namespace {

// Field names of flow log records (docs.aws.amazon.com, VPC user guide, "Flow log records",
// "Available fields"); the default format is version 2's 14 fields.
enum class F {
    Other,
    Version,
    SrcAddr,
    DstAddr,
    SrcPort,
    DstPort,
    Protocol,
    Packets,
    Bytes,
    Start,
    End,
    Action,
    LogStatus,
    PktSrcAddr,
    PktDstAddr,
    FlowDirection,
};

const std::unordered_map<std::string_view, F> &fieldTable()
{
    static const std::unordered_map<std::string_view, F> t = {
            {"version", F::Version},
            {"srcaddr", F::SrcAddr},
            {"dstaddr", F::DstAddr},
            {"srcport", F::SrcPort},
            {"dstport", F::DstPort},
            {"protocol", F::Protocol},
            {"packets", F::Packets},
            {"bytes", F::Bytes},
            {"start", F::Start},
            {"end", F::End},
            {"action", F::Action},
            {"log-status", F::LogStatus},
            {"pkt-srcaddr", F::PktSrcAddr},
            {"pkt-dstaddr", F::PktDstAddr},
            {"flow-direction", F::FlowDirection},
    };
    return t;
}

const std::vector<std::string> kDefaultFields
        = {"version",  "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
           "protocol", "packets",    "bytes",        "start",   "end",     "action",  "log-status"};

std::vector<std::string_view> splitSpaces(std::string_view line)
{
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            ++i;
        if (i > start)
            out.push_back(line.substr(start, i - start));
    }
    return out;
}

bool isHeader(const std::vector<std::string_view> &f)
{
    int known = 0;
    for (std::string_view n : f)
        known += fieldTable().count(n) || n == "account-id" || n == "interface-id";
    return known >= 3 && known * 2 >= int(f.size());
}

} // namespace

int VpcFlowImporter::detect(std::string_view sample) const
{
    const std::string_view first = sample.substr(0, sample.find('\n'));
    const auto f = splitSpaces(first);
    if (isHeader(f)) {
        bool src = false, dst = false;
        for (std::string_view n : f) {
            src = src || n == "srcaddr";
            dst = dst || n == "dstaddr";
        }
        return src && dst ? 95 : 60;
    }
    // Without a header: the default format's 14 fields, version 2, an eni- interface.
    if (f.size() == 14 && f[0] == "2" && f[2].starts_with("eni-")
        && (f[12] == "ACCEPT" || f[12] == "REJECT" || f[12] == "-"))
        return 80;
    return 0;
}

Status VpcFlowImporter::parse(InputStream &in, ParseContext &ctx) const
{
    std::vector<F> slots;
    std::vector<std::string> names;
    auto useNames = [&](const std::vector<std::string> &n) {
        names = n;
        slots.clear();
        for (const std::string &name : names) {
            const auto it = fieldTable().find(name);
            slots.push_back(it == fieldTable().end() ? F::Other : it->second);
        }
    };
    bool first = true;
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        const auto f = splitSpaces(line);
        if (isHeader(f)) {
            std::vector<std::string> n;
            for (std::string_view s : f)
                n.emplace_back(s);
            useNames(n); // a header, also where files were concatenated
            first = false;
            return;
        }
        if (first) {
            useNames(kDefaultFields);
            ctx.sink.note("no header line: read as the default format (version 2, 14 fields)");
            first = false;
        }
        if (f.size() != slots.size()) {
            ctx.sink.reject(lineNo, RejectKind::Layout,
                            "expected " + std::to_string(slots.size()) + " fields, found "
                                    + std::to_string(f.size()),
                            line);
            return;
        }
        Event e;
        e.line = lineNo;
        e.category = "network";
        LabelsBuilder labels;
        std::string_view action, status, pktSrc, pktDst;
        std::int64_t start = -1, end = -1;
        RejectReason bad;
        for (size_t i = 0; i < f.size(); ++i) {
            const std::string_view v = f[i];
            if (v == "-")
                continue;
            switch (slots[i]) {
            case F::SrcAddr:
                readFlowField(FlowField::SourceIp, v, names[i], e, bad);
                break;
            case F::DstAddr:
                readFlowField(FlowField::DestinationIp, v, names[i], e, bad);
                break;
            case F::SrcPort:
                readFlowField(FlowField::SourcePort, v, names[i], e, bad);
                break;
            case F::DstPort:
                readFlowField(FlowField::DestinationPort, v, names[i], e, bad);
                break;
            case F::Protocol:
                readFlowField(FlowField::Protocol, v, names[i], e, bad);
                break;
            case F::Packets:
                readFlowField(FlowField::Packets, v, names[i], e, bad);
                break;
            case F::Bytes:
                readFlowField(FlowField::Bytes, v, names[i], e, bad);
                break;
            case F::Start:
                if (!flowNumber(v, start))
                    bad = {RejectKind::BadTime, "start is not epoch seconds"};
                break;
            case F::End:
                if (!flowNumber(v, end))
                    bad = {RejectKind::BadTime, "end is not epoch seconds"};
                break;
            case F::Action:
                action = v;
                break;
            case F::LogStatus:
                status = v;
                break;
            case F::PktSrcAddr:
                pktSrc = v;
                break;
            case F::PktDstAddr:
                pktDst = v;
                break;
            case F::Version:
            case F::FlowDirection:
            case F::Other: {
                const std::string key = [&] {
                    std::string k = names[i];
                    for (char &c : k)
                        c = c == '-' ? '_' : c;
                    return k;
                }();
                labels.add(key, utf8::isValid(v) ? std::string(v) : utf8::repaired(v));
                break;
            }
            }
        }
        if (!bad.empty()) {
            ctx.sink.reject(lineNo, bad, line);
            return;
        }
        if (start < 0) {
            ctx.sink.reject(lineNo, RejectKind::NoTime, "no start time", line);
            return;
        }
        if (start > 253402300799) {
            ctx.sink.reject(lineNo, RejectKind::BadTime, "start time out of range", line);
            return;
        }
        e.timestampUs = start * 1000000;
        e.tzOffsetMin = 0;
        if (end >= start && end <= 253402300799)
            e.durationUs = (end - start) * 1000000;
        e.action = action.empty()       ? "flow"
                   : action == "ACCEPT" ? "accept"
                   : action == "REJECT" ? "reject"
                                        : std::string(action);
        if (action == "ACCEPT")
            e.outcome = Outcome::Success;
        else if (action == "REJECT")
            e.outcome = Outcome::Failure;
        labels.add("log_status", status);
        // pkt-srcaddr/pkt-dstaddr: the packet's own addresses behind a NAT gateway or an
        // interface of a service, when they differ from the interface's.
        std::string ip;
        if (!pktSrc.empty() && normaliseIp(pktSrc, ip) && ip != e.sourceIp)
            labels.add("pkt_srcaddr", ip);
        if (!pktDst.empty() && normaliseIp(pktDst, ip) && ip != e.destinationIp)
            labels.add("pkt_dstaddr", ip);
        e.labels = labels.take();
        ctx.sink.event(std::move(e), line);
    });
}

} // namespace netcase
