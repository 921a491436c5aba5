#include "eventwriter.h"

#include <QByteArray>

#include <charconv>

namespace netcase {

namespace {

constexpr int kRawBlockRecords = 512;

int ipFamily(std::string_view ip)
{
    return ip.find(':') != std::string_view::npos ? 6 : 4;
}

} // namespace

EventWriter::EventWriter(Database &db, std::int64_t sourceId)
    : m_db(db)
    , m_sourceId(sourceId)
{
    m_insertEvent = db.prepare(
            "INSERT INTO events(source_id, line, ts, tz_offset, outcome, category, action, "
            "source_ip, source_port, source_domain, client_ip, destination_ip, destination_port, "
            "destination_domain, host, user, user_agent, http_method, url, status, body_bytes, "
            "transport, session, device, mfa, source_bytes, destination_bytes, packets, duration, "
            "labels) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    m_insertReject = db.prepare("INSERT INTO rejects(source_id, line, reason, raw) VALUES (?,?,?,?)");
    m_insertStr = db.prepare("INSERT OR IGNORE INTO strs(s) VALUES (?)");
    m_findStr = db.prepare("SELECT id FROM strs WHERE s = ?");
    m_insertIp = db.prepare("INSERT OR IGNORE INTO ips(ip, family) VALUES (?, ?)");
    m_findIp = db.prepare("SELECT id FROM ips WHERE ip = ?");
    m_insertRaw = db.prepare(
            "INSERT INTO raw_blocks(source_id, first_line, last_line, data) VALUES (?,?,?,?)");
}

std::int64_t EventWriter::internString(std::string_view s)
{
    if (s.empty())
        return 0;
    auto it = m_strs.find(std::string(s));
    if (it != m_strs.end())
        return it->second;
    m_insertStr.bind(1, s);
    (void)m_insertStr.exec();
    m_findStr.bind(1, s);
    std::int64_t id = m_findStr.step() ? m_findStr.int64(0) : 0;
    m_findStr.reset();
    m_strs.emplace(std::string(s), id);
    return id;
}

std::int64_t EventWriter::internIp(std::string_view ip)
{
    if (ip.empty())
        return 0;
    auto it = m_ips.find(std::string(ip));
    if (it != m_ips.end())
        return it->second;
    m_insertIp.bind(1, ip).bind(2, ipFamily(ip));
    (void)m_insertIp.exec();
    m_findIp.bind(1, ip);
    std::int64_t id = m_findIp.step() ? m_findIp.int64(0) : 0;
    m_findIp.reset();
    m_ips.emplace(std::string(ip), id);
    return id;
}

Status EventWriter::add(const Event &e, std::string_view raw)
{
    Statement &st = m_insertEvent;
    auto bindId = [&](int col, std::int64_t id) {
        if (id)
            st.bind(col, id);
        else
            st.bindNull(col);
    };
    auto bindNum = [&](int col, std::int64_t v) {
        if (v >= 0)
            st.bind(col, v);
        else
            st.bindNull(col);
    };
    st.bind(1, m_sourceId).bind(2, e.line).bind(3, e.timestampUs);
    if (e.tzOffsetMin == kNoOffset)
        st.bindNull(4);
    else
        st.bind(4, int(e.tzOffsetMin));
    st.bind(5, int(e.outcome));
    bindId(6, internString(e.category));
    bindId(7, internString(e.action));
    bindId(8, internIp(e.sourceIp));
    bindNum(9, e.sourcePort);
    bindId(10, internString(e.sourceDomain));
    bindId(11, internIp(e.clientIp));
    bindId(12, internIp(e.destinationIp));
    bindNum(13, e.destinationPort);
    bindId(14, internString(e.destinationDomain));
    bindId(15, internString(e.hostName));
    bindId(16, internString(e.userName));
    bindId(17, internString(e.userAgent));
    bindId(18, internString(e.httpMethod));
    bindId(19, internString(e.urlPath));
    bindNum(20, e.statusCode);
    bindNum(21, e.bodyBytes);
    bindId(22, internString(e.transport));
    bindId(23, internString(e.sessionId));
    bindId(24, internString(e.deviceId));
    bindId(25, internString(e.mfa));
    bindNum(26, e.sourceBytes);
    bindNum(27, e.destinationBytes);
    bindNum(28, e.packets);
    bindNum(29, e.durationUs);
    if (e.labels.empty())
        st.bindNull(30);
    else
        st.bind(30, std::string_view(e.labels));
    if (Status s = st.exec(); !s.ok())
        return s;
    ++m_events;
    m_firstTs = std::min(m_firstTs, e.timestampUs);
    m_lastTs = std::max(m_lastTs, e.timestampUs);

    // Raw block record: "<line> <length>\n<bytes>"
    if (m_rawFirst < 0)
        m_rawFirst = e.line;
    m_rawLast = e.line;
    m_rawBuf += std::to_string(e.line);
    m_rawBuf += ' ';
    m_rawBuf += std::to_string(raw.size());
    m_rawBuf += '\n';
    m_rawBuf.append(raw);
    if (++m_rawCount >= kRawBlockRecords)
        return flushRaw();
    return {};
}

Status EventWriter::reject(std::int64_t line, std::string_view reason, std::string_view raw)
{
    m_insertReject.bind(1, m_sourceId).bind(2, line).bind(3, reason).bind(4, raw);
    ++m_rejects;
    return m_insertReject.exec();
}

Status EventWriter::flushRaw()
{
    if (m_rawCount == 0)
        return {};
    const QByteArray packed = qCompress(
            reinterpret_cast<const uchar *>(m_rawBuf.data()), qsizetype(m_rawBuf.size()), 1);
    m_insertRaw.bind(1, m_sourceId).bind(2, m_rawFirst).bind(3, m_rawLast);
    m_insertRaw.bindBlob(4, packed.constData(), int(packed.size()));
    m_rawBuf.clear();
    m_rawCount = 0;
    m_rawFirst = -1;
    return m_insertRaw.exec();
}

Status EventWriter::finish()
{
    return flushRaw();
}

std::optional<std::string> rawRecordFromBlock(const QByteArray &block, std::int64_t line)
{
    const QByteArray data = qUncompress(block);
    std::string_view v(data.constData(), size_t(data.size()));
    size_t p = 0;
    while (p < v.size()) {
        const size_t nl = v.find('\n', p);
        if (nl == std::string_view::npos)
            break;
        std::string_view header = v.substr(p, nl - p);
        const size_t sp = header.find(' ');
        if (sp == std::string_view::npos)
            break;
        std::int64_t l = 0;
        size_t len = 0;
        std::from_chars(header.data(), header.data() + sp, l);
        std::from_chars(header.data() + sp + 1, header.data() + header.size(), len);
        if (nl + 1 + len > v.size())
            break;
        if (l == line)
            return std::string(v.substr(nl + 1, len));
        p = nl + 1 + len;
    }
    return std::nullopt;
}

} // namespace netcase
