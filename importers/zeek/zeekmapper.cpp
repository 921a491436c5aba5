#include "zeekmapper.h"

#include "zeek/zeekecs.h"

#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <charconv>

namespace netcase {

namespace {

bool toInt(std::string_view s, std::int64_t &v)
{
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

/// "12.345678" seconds (Zeek's time and interval types) to microseconds, without the rounding
/// of a double.
bool secondsToUs(std::string_view s, std::int64_t &us)
{
    const size_t dot = s.find('.');
    std::int64_t whole = 0;
    if (!toInt(s.substr(0, dot), whole) || whole < 0 || whole > 100000000000LL)
        return false;
    std::int64_t frac = 0;
    if (dot != std::string_view::npos) {
        std::int64_t scale = 100000;
        for (size_t i = dot + 1; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
            frac += (s[i] - '0') * scale;
            scale /= 10;
        }
    }
    us = whole * 1000000 + frac;
    return true;
}

void setIp(std::string &out, LabelBuilder &labels, std::string_view field, std::string_view v)
{
    if (!normaliseIp(v, out))
        labels.add(field, v); // not an address: keep the text rather than lose it
}

bool setPort(std::int32_t &out, std::string_view v)
{
    std::int64_t p = 0;
    if (!toInt(v, p) || p < 0 || p > 65535)
        return false;
    out = std::int32_t(p);
    return true;
}

} // namespace

ZeekRole zeekRole(std::string_view f)
{
    struct Entry
    {
        std::string_view name;
        ZeekRole role;
    };
    static constexpr Entry table[] = {
            {"ts", ZeekRole::Ts},
            {"uid", ZeekRole::Uid},
            {"id.orig_h", ZeekRole::OrigH},
            {"id.orig_p", ZeekRole::OrigP},
            {"id.resp_h", ZeekRole::RespH},
            {"id.resp_p", ZeekRole::RespP},
            // Written with `redef Log::default_scope_sep = "_"` (common with JSON logs).
            {"id_orig_h", ZeekRole::OrigH},
            {"id_orig_p", ZeekRole::OrigP},
            {"id_resp_h", ZeekRole::RespH},
            {"id_resp_p", ZeekRole::RespP},
            {"proto", ZeekRole::Proto},
            {"duration", ZeekRole::Duration},
            {"orig_bytes", ZeekRole::OrigBytes},
            {"resp_bytes", ZeekRole::RespBytes},
            {"orig_pkts", ZeekRole::OrigPkts},
            {"resp_pkts", ZeekRole::RespPkts},
            {"auth_success", ZeekRole::AuthSuccess},
            {"client", ZeekRole::Client},
            {"method", ZeekRole::Method},
            {"uri", ZeekRole::Uri},
            {"status_code", ZeekRole::StatusCode},
            {"user_agent", ZeekRole::UserAgent},
            {"host", ZeekRole::Host},
            {"response_body_len", ZeekRole::RespBodyLen},
            {"username", ZeekRole::Username},
            {"_path", ZeekRole::Path},
            {"_write_ts", ZeekRole::Ignored},
    };
    for (const Entry &e : table) {
        if (e.name == f)
            return e.role;
    }
    return ZeekRole::Other;
}

bool parseZeekTime(std::string_view text, std::int64_t &us, int &offsetMin)
{
    offsetMin = 0;
    if (text.find('-') != std::string_view::npos) {
        const auto t = parseIso(text, &offsetMin);
        if (!t)
            return false;
        us = *t;
        return true;
    }
    return secondsToUs(text, us);
}

void ZeekMapper::begin(std::string_view path, std::int64_t line)
{
    m_e = Event();
    m_e.line = line;
    m_labels.clear();
    m_path.assign(path);
    m_origPkts = m_respPkts = -1;
    m_authSuccess = -1;
    m_hasTs = false;
    m_x509.clear();
    m_hostCert = m_clientCert = false;
}

bool ZeekMapper::setHostOnce(std::string &out, std::string_view v)
{
    std::string ip;
    if (!out.empty() || !normaliseIp(v, ip))
        return false;
    out = std::move(ip);
    return true;
}

bool ZeekMapper::setFileOrNotice(std::string_view field, std::string_view v)
{
    bool many = false;
    if (m_path == "files") {
        // Before Zeek 5.1: the hosts the file came from and went to, and its connections.
        if (field == "tx_hosts" || field == "rx_hosts") {
            const std::string_view first = firstOfZeekSet(v, many);
            if (!setHostOnce(field == "tx_hosts" ? m_e.sourceIp : m_e.destinationIp, first) || many)
                m_labels.add(field, v); // all of them, when one address cannot say it
            return true;
        }
        if (field == "conn_uids") {
            const std::string_view first = firstOfZeekSet(v, many);
            if (m_e.sessionId.empty())
                m_e.sessionId = utf8::repaired(first);
            if (many)
                m_labels.add(field, v);
            return true;
        }
        return false;
    }
    // notice.log: src, dst and p stand in for id.* when the notice has no connection.
    if (field == "src" || field == "dst") {
        std::string &host = field == "src" ? m_e.sourceIp : m_e.destinationIp;
        std::string ip;
        // Kept only when it says more than id.* did.
        if (!setHostOnce(host, v) && !(normaliseIp(v, ip) && ip == host))
            m_labels.add(field, v);
        return true;
    }
    if (field == "p") {
        std::int32_t port = -1;
        const bool read = setPort(port, v.substr(0, v.find('/')));
        if (read && m_e.destinationPort < 0)
            m_e.destinationPort = port;
        else if (!read || port != m_e.destinationPort) // kept when it says more than id.*
            m_labels.add(field, v);
        return true;
    }
    return false;
}

bool ZeekMapper::set(ZeekRole role,
                     std::string_view field,
                     std::string_view v,
                     RejectReason &reason)
{
    std::int64_t n = 0;
    switch (role) {
    case ZeekRole::Ts: {
        int off = 0;
        if (!parseZeekTime(v, m_e.timestampUs, off)) {
            reason = {RejectKind::BadTime, "ts is not a Zeek time"};
            return false;
        }
        m_e.tzOffsetMin = std::int16_t(off);
        m_hasTs = true;
        return true;
    }
    case ZeekRole::Uid:
        m_e.sessionId = utf8::repaired(v);
        return true;
    case ZeekRole::OrigH:
        setIp(m_e.sourceIp, m_labels, field, v);
        return true;
    case ZeekRole::RespH:
        setIp(m_e.destinationIp, m_labels, field, v);
        return true;
    case ZeekRole::OrigP:
        if (!setPort(m_e.sourcePort, v))
            m_labels.add(field, v);
        return true;
    case ZeekRole::RespP:
        if (!setPort(m_e.destinationPort, v))
            m_labels.add(field, v);
        return true;
    case ZeekRole::Proto:
        m_e.transport = utf8::repaired(v);
        return true;
    case ZeekRole::Duration:
        if (!secondsToUs(v, m_e.durationUs))
            m_labels.add(field, v);
        return true;
    case ZeekRole::OrigBytes:
    case ZeekRole::RespBytes:
    case ZeekRole::OrigPkts:
    case ZeekRole::RespPkts:
    case ZeekRole::StatusCode:
    case ZeekRole::RespBodyLen:
        if (!toInt(v, n) || n < 0) {
            m_labels.add(field, v);
            return true;
        }
        if (role == ZeekRole::OrigBytes)
            m_e.sourceBytes = n;
        else if (role == ZeekRole::RespBytes)
            m_e.destinationBytes = n;
        else if (role == ZeekRole::OrigPkts)
            m_origPkts = n;
        else if (role == ZeekRole::RespPkts)
            m_respPkts = n;
        else if (role == ZeekRole::StatusCode)
            m_e.statusCode = std::int32_t(std::min<std::int64_t>(n, 999999));
        else
            m_e.bodyBytes = n;
        return true;
    case ZeekRole::AuthSuccess:
        if (v == "T" || v == "true")
            m_authSuccess = 1;
        else if (v == "F" || v == "false")
            m_authSuccess = 0;
        else
            m_labels.add(field, v);
        return true;
    case ZeekRole::Client:
    case ZeekRole::UserAgent:
        m_e.userAgent = utf8::repaired(v);
        return true;
    case ZeekRole::Method:
        m_e.httpMethod = utf8::repaired(v);
        return true;
    case ZeekRole::Uri:
        m_e.urlPath = utf8::repaired(v);
        return true;
    case ZeekRole::Host:
        m_e.destinationDomain = utf8::repaired(v);
        return true;
    case ZeekRole::Username:
        m_e.userName = utf8::repaired(v);
        return true;
    case ZeekRole::Path:
    case ZeekRole::Ignored:
        return true;
    case ZeekRole::Other:
        // ssl.log's SNI is the name of the destination the client asked for.
        if (m_path == "ssl" && field == "server_name")
            m_e.destinationDomain = utf8::repaired(v);
        if ((m_path == "files" || m_path == "notice") && setFileOrNotice(field, v))
            return true;
        if (m_path == "x509") {
            if (field == "host_cert" || field == "client_cert") {
                (field == "host_cert" ? m_hostCert : m_clientCert) = v == "T" || v == "true";
                return true;
            }
            if (const std::string_view ecs = zeekX509Ecs(field); !ecs.empty()) {
                std::int64_t us = 0;
                int off = 0;
                // Validity times as ISO 8601 (ECS x509.not_before is a date).
                if (isZeekX509Time(field) && parseZeekTime(v, us, off))
                    m_x509.emplace_back(ecs, formatIsoUs(us));
                else
                    m_x509.emplace_back(ecs, utf8::repaired(v));
                return true;
            }
            if (field == "fingerprint") { // the certificate's SHA-256 (X509::hash_function)
                m_x509.emplace_back("hash_sha256", utf8::repaired(v));
                return true;
            }
        }
        if (!addZeekEcsLabel(m_path, field, v, m_labels))
            m_labels.add(field, v);
        return true;
    }
    return true;
}

bool ZeekMapper::finish(Event &out, RejectReason &reason)
{
    if (!m_hasTs) {
        reason = {RejectKind::NoTime, "record without ts"};
        return false;
    }
    if (m_origPkts >= 0 || m_respPkts >= 0)
        m_e.packets = std::max<std::int64_t>(m_origPkts, 0) + std::max<std::int64_t>(m_respPkts, 0);
    if (m_path == "conn") {
        m_e.category = "network";
        m_e.action = "connection";
    } else if (m_path == "ssh") {
        if (m_authSuccess >= 0) {
            m_e.category = "authentication";
            m_e.action = "ssh_login";
            m_e.outcome = m_authSuccess ? Outcome::Success : Outcome::Failure;
        } else {
            // No authentication seen (scanners, banner grabs): a connection, not a login.
            m_e.category = "network";
            m_e.action = "ssh_connection";
        }
    } else if (m_path == "http") {
        m_e.category = "web";
        m_e.action = "http_request";
    } else if (m_path == "dns") {
        m_e.category = "network";
        m_e.action = "dns_query";
    } else if (m_path == "ssl") {
        m_e.category = "network";
        m_e.action = "tls_handshake";
    } else if (m_path == "x509") {
        m_e.category = "network";
        m_e.action = "x509_certificate";
        // A host's certificate is the server's (or with client_cert the client's) in ECS;
        // the rest of a chain are certificates as files. The fingerprint is a hash of the
        // certificate: tls.server.hash.sha256, file.hash.sha256.
        const std::string_view side = m_clientCert ? "tls_client_"
                                      : m_hostCert ? "tls_server_"
                                                   : "file_";
        for (const auto &[name, value] : m_x509) {
            std::string key(side);
            if (name != "hash_sha256")
                key += "x509_";
            key += name;
            m_labels.add(key, value);
        }
    } else if (m_path == "files") {
        m_e.category = "file";
        m_e.action = "file_transfer";
    } else if (m_path == "notice") {
        m_e.category = "intrusion_detection";
        m_e.action = "zeek_notice";
    } else {
        m_e.category = "network";
        m_e.action = m_path.empty() ? std::string("zeek") : "zeek_" + utf8::repaired(m_path);
    }
    m_labels.add("zeek_log", m_path);
    m_e.labels = m_labels.take();
    out = std::move(m_e);
    return true;
}

} // namespace netcase
