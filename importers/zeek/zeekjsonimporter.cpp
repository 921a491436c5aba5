#include "zeekjsonimporter.h"

#include "api/recordloop.h"
#include "api/sampling.h"
#include "cloud/jsonrecordimport.h"
#include "syslog/jsonrecord.h"
#include "zeek/zeekmapper.h"

#include <QFileInfo>

#include <algorithm>

namespace netcase {

namespace {

/// The Zeek log a record without "_path" belongs to, from its fields.
std::string_view pathFromFields(const JsonRecord &r)
{
    if (r.has("auth_success") || r.has("auth_attempts") || r.has("host_key"))
        return "ssh";
    if (r.has("method") || r.has("uri") || r.has("status_code"))
        return "http";
    if (r.has("conn_state") || r.has("history") || r.has("orig_pkts"))
        return "conn";
    if (r.has("query") && (r.has("qtype") || r.has("qtype_name") || r.has("trans_id")))
        return "dns";
    if (r.has("cipher") || r.has("server_name") || r.has("ssl_history"))
        return "ssl";
    if (r.has("certificate.serial") || r.has("certificate.subject") || r.has("certificate_serial")
        || r.has("certificate_subject"))
        return "x509";
    if (r.has("fuid") && (r.has("mime_type") || r.has("tx_hosts") || r.has("seen_bytes")))
        return "files";
    if (r.has("note") && (r.has("msg") || r.has("actions")))
        return "notice";
    return {};
}

/// "conn.log", "ssh.json", "zeek-json_ssh.json.gz": a known log name in the file name.
std::string pathFromFileName(const QString &fileName)
{
    const QString base = QFileInfo(fileName).fileName().toLower();
    for (const char *p :
         {"conn", "ssh", "http", "dns", "ssl", "x509", "files", "notice", "weird"}) {
        const QString n = QString::fromLatin1(p);
        if (base.startsWith(n + QLatin1Char('.'))
            || base.contains(QLatin1Char('_') + n + QLatin1Char('.'))
            || base.contains(QLatin1Char('-') + n + QLatin1Char('.')))
            return p;
    }
    return {};
}

/// A set or vector as pretty-printed JSON spans lines; as one line, like the compact form, so
/// a value reads the same from `jq .` output as from Zeek's own lines.
std::string_view compactJson(std::string_view v, std::string &buf)
{
    if (v.empty() || (v.front() != '[' && v.front() != '{')
        || v.find('\n') == std::string_view::npos)
        return v;
    buf.clear();
    bool inString = false, escaped = false;
    for (char c : v) {
        if (inString) {
            buf += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
            buf += c;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            buf += c;
        }
    }
    return buf;
}

} // namespace

int ZeekJsonImporter::detect(std::string_view sample) const
{
    int tried = 0, hits = 0;
    forEachSampleLine(sample, 20, [&](std::string_view line) {
        ++tried;
        if (line.front() == '{' && line.find("\"ts\":") != std::string_view::npos
            && (line.find("\"id.orig_h\":") != std::string_view::npos
                || line.find("\"id_orig_h\":") != std::string_view::npos
                || line.find("\"_path\":") != std::string_view::npos))
            ++hits;
    });
    const int byLines = tried == 0 ? 0 : 92 * hits / tried;
    if (byLines >= 46)
        return byLines;
    // Pretty-printed records ("{" alone on its first line, as jq writes them).
    const JsonSample json = sampleJson(sample, 5);
    int share = 0;
    for (std::string_view id : {"id.orig_h", "id_orig_h", "_path"})
        share = std::max(share, json.percentWith({"ts", id}));
    return std::max(byLines, 92 * share / 100);
}

Status ZeekJsonImporter::parse(InputStream &in, ParseContext &ctx) const
{
    const std::string filePath = pathFromFileName(ctx.fileName);
    JsonRecord outer;
    JsonRecord inner;
    ZeekMapper mapper;
    std::string compact;
    // JSON lines or pretty-printed objects one after another: JsonSplitter cuts both.
    JsonRecords records(in);
    JsonSplitter::Piece piece;
    return forEachRecord(records, piece, in, ctx, [&](const JsonSplitter::Piece &p) {
        const std::string_view line = p.text;
        const std::int64_t lineNo = p.line;
        RejectReason reason;
        if (!outer.parse(line, reason)) {
            ctx.sink.reject(lineNo, reason, line);
            return;
        }
        // A record wrapped by its log type, {"conn": {...}}, as Apache Metron writes them.
        const JsonRecord *current = &outer;
        std::string_view wrapper;
        if (outer.fields().size() == 1 && outer.fields()[0].second.starts_with('{')
            && inner.parse(outer.fields()[0].second, reason)) {
            wrapper = outer.fields()[0].first;
            current = &inner;
        }
        const JsonRecord &rec = *current;
        std::string_view path = rec.get("_path");
        if (path.empty())
            path = wrapper;
        if (path.empty())
            path = pathFromFields(rec);
        if (path.empty())
            path = filePath;
        mapper.begin(path, lineNo);
        bool ok = true;
        for (const auto &[key, text] : rec.fields()) {
            if (text.empty())
                continue;
            const std::string_view value = compactJson(text, compact);
            ok = mapper.set(zeekRole(key), key, value, reason);
            if (!ok)
                break;
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
