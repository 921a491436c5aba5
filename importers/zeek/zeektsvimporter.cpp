#include "zeektsvimporter.h"

#include "api/recordloop.h"
#include "zeek/zeekmapper.h"

#include <string>
#include <vector>

namespace netcase {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// Zeek escapes the separator and non-printable bytes as \xHH.
std::string_view unescape(std::string_view v, std::string &scratch)
{
    if (v.find("\\x") == std::string_view::npos)
        return v;
    scratch.clear();
    for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 3 < v.size() && v[i + 1] == 'x') {
            const int hi = hexValue(v[i + 2]);
            const int lo = hexValue(v[i + 3]);
            if (hi >= 0 && lo >= 0) {
                scratch += char(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        scratch += v[i];
    }
    return scratch;
}

struct Header
{
    std::string separator = "\t";
    std::string emptyField = "(empty)";
    std::string unsetField = "-";
    std::string path;
    std::vector<std::string> fields;
    std::vector<ZeekRole> roles;
};

void splitInto(std::string_view line, std::string_view sep, std::vector<std::string_view> &out)
{
    out.clear();
    size_t p = 0;
    for (;;) {
        const size_t q = line.find(sep, p);
        if (q == std::string_view::npos) {
            out.push_back(line.substr(p));
            return;
        }
        out.push_back(line.substr(p, q - p));
        p = q + sep.size();
    }
}

/// Reads a "#directive<sep>value" header line into the header. Returns false when it is
/// not a directive Zeek writes.
bool readDirective(std::string_view line, Header &h, std::vector<std::string_view> &parts)
{
    std::string scratch;
    if (line.substr(0, 11) == "#separator ") {
        h.separator = std::string(unescape(line.substr(11), scratch));
        if (h.separator.empty())
            h.separator = "\t";
        return true;
    }
    splitInto(line, h.separator, parts);
    const std::string_view key = parts[0];
    const std::string_view value = parts.size() > 1 ? parts[1] : std::string_view();
    if (key == "#fields") {
        h.fields.assign(parts.begin() + 1, parts.end());
        h.roles.clear();
        for (const auto &f : h.fields)
            h.roles.push_back(zeekRole(f));
        return true;
    }
    if (key == "#path") {
        h.path = std::string(value);
        return true;
    }
    if (key == "#empty_field") {
        h.emptyField = std::string(value);
        return true;
    }
    if (key == "#unset_field") {
        h.unsetField = std::string(value);
        return true;
    }
    if (key == "#close") {
        // The next log in the same file brings its own header.
        h.fields.clear();
        h.roles.clear();
        return true;
    }
    return key == "#set_separator" || key == "#open" || key == "#types";
}

} // namespace

int ZeekTsvImporter::detect(std::string_view sample) const
{
    if (sample.substr(0, 11) == "#separator ")
        return 98;
    if (sample.substr(0, 8) == "#fields\t" && sample.find("\tts") != std::string_view::npos)
        return 85;
    return 0;
}

Status ZeekTsvImporter::parse(InputStream &in, ParseContext &ctx) const
{
    Header header;
    ZeekMapper mapper;
    std::vector<std::string_view> parts;
    std::string scratch;
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        if (line.front() == '#') {
            if (!readDirective(line, header, parts))
                ctx.sink.reject(lineNo, RejectKind::Layout, "unknown Zeek header line", line);
            return;
        }
        if (header.fields.empty()) {
            ctx.sink.reject(lineNo, RejectKind::Layout, "data line before a #fields header", line);
            return;
        }
        splitInto(line, header.separator, parts);
        if (parts.size() != header.fields.size()) {
            ctx.sink.reject(lineNo, RejectKind::Layout, "number of values differs from #fields",
                            line);
            return;
        }
        mapper.begin(header.path, lineNo);
        RejectReason reason;
        bool ok = true;
        for (size_t i = 0; i < parts.size() && ok; ++i) {
            const std::string_view v = parts[i];
            if (v == header.unsetField || v == header.emptyField || v.empty())
                continue;
            ok = mapper.set(header.roles[i], header.fields[i], unescape(v, scratch), reason);
        }
        Event e;
        if (ok)
            ok = mapper.finish(e, reason);
        if (ok)
            ctx.sink.event(std::move(e), line);
        else
            ctx.sink.reject(lineNo, reason, line);
    });
}

} // namespace netcase
