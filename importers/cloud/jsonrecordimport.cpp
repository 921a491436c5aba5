#include "jsonrecordimport.h"

#include "api/inputstream.h"
#include "api/jsonsplitter.h"
#include "api/recordloop.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"

#include <algorithm>
#include <charconv>

namespace netcase {

Status importJsonRecords(InputStream &in, ParseContext &ctx, JsonEventMapper &mapper)
{
    JsonRecords records(in);
    JsonFlattener flattener;
    const JsonFlattener::Visitor visit = [&mapper](std::string_view path, const JsonScalar &v) {
        mapper.field(path, v);
    };
    JsonSplitter::Piece piece;
    return forEachRecord(records, piece, in, ctx, [&](const JsonSplitter::Piece &p) {
        mapper.begin();
        if (const std::string bad = flattener.flatten(p.text, visit); !bad.empty()) {
            ctx.sink.reject(p.line, RejectKind::Syntax, "invalid JSON: " + bad, p.text);
            return;
        }
        Event e;
        e.line = p.line;
        if (const RejectReason why = mapper.finish(e); why.empty())
            ctx.sink.event(std::move(e), p.text);
        else
            ctx.sink.reject(p.line, why, p.text);
    });
}

int JsonSample::percentWith(std::initializer_list<std::string_view> paths) const
{
    if (records.empty())
        return 0;
    int hits = 0;
    for (const auto &r : records) {
        bool all = true;
        for (std::string_view p : paths)
            all = all && r.count(std::string(p));
        hits += all;
    }
    return int(100 * hits / int(records.size()));
}

JsonSample sampleJson(std::string_view sample, int maxRecords)
{
    JsonSample out;
    out.text = sample;
    auto stream = memoryStream(std::string(sample));
    JsonSplitter splitter(*stream);
    JsonFlattener flattener;
    JsonSplitter::Piece piece;
    int bad = 0;
    while (int(out.records.size()) < maxRecords && bad < 3 && splitter.next(piece)) {
        if (piece.error) {
            ++bad; // a record cut by the sample size, or not JSON
            continue;
        }
        std::unordered_set<std::string> paths;
        const std::string err = flattener.flatten(
                piece.text, [&paths](std::string_view path, const JsonScalar &v) {
                    paths.emplace(path);
                    if (v.kind == JsonScalar::Kind::String && v.text.size() <= 64) {
                        std::string kv(path);
                        kv.push_back('=');
                        kv.append(v.text);
                        paths.insert(std::move(kv));
                    }
                });
        if (err.empty())
            out.records.push_back(std::move(paths));
        else
            ++bad;
    }
    out.container = splitter.sawContainer();
    return out;
}

bool setIsoTimestamp(Event &event, std::string_view text)
{
    int offset = 0;
    const auto us = parseIso(text, &offset);
    if (!us)
        return false;
    event.timestampUs = *us;
    event.tzOffsetMin = std::int16_t(offset);
    return true;
}

bool setSourceAddress(Event &event, std::string_view text)
{
    if (text.empty())
        return false;
    if (normaliseIp(text, event.sourceIp))
        return true;
    event.sourceIp.clear();
    event.sourceDomain.assign(text);
    return false;
}

bool setSourceAddressPort(Event &event, std::string_view text)
{
    std::string_view host = text;
    std::string_view port;
    if (text.starts_with('[')) {
        const size_t close = text.find(']');
        if (close != std::string_view::npos) {
            host = text.substr(1, close - 1);
            if (text.size() > close + 1 && text[close + 1] == ':')
                port = text.substr(close + 2);
        }
    } else if (const size_t colon = text.find(':');
               colon != std::string_view::npos
               && text.find(':', colon + 1) == std::string_view::npos) {
        host = text.substr(0, colon); // one colon: IPv4 (or a name) with a port
        port = text.substr(colon + 1);
    }
    std::string ip;
    if (!normaliseIp(host, ip))
        return setSourceAddress(event, text);
    event.sourceIp = std::move(ip);
    int p = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (!port.empty() && ec == std::errc() && end == port.data() + port.size() && p >= 0
        && p <= 65535)
        event.sourcePort = p;
    return true;
}

std::string lowerAscii(std::string_view s)
{
    std::string out(s);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return out;
}

} // namespace netcase
