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
