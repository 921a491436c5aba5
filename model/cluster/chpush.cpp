#include "chpush.h"

#include "cluster/chcleanup.h"
#include "cluster/chrows.h"
#include "cluster/chschema.h"

#include <QRandomGenerator>

namespace netcase::cluster {

ChPush::ChPush(const ChConnection &c)
    : m_conn(c)
{}

ChPush::~ChPush() = default;

Result<QByteArray> ChPush::query(const QString &sql)
{
    ChHttp http(m_conn);
    return http.query(sql);
}

Result<QString> pushedFile(const ChConnection &c, const QString &sha256)
{
    ChHttp http(c);
    auto r = http.query(QStringLiteral("SELECT name, events, toString(pushed_at) FROM sources "
                                       "WHERE sha256 = %1 ORDER BY push_id LIMIT 1 FORMAT TSV")
                                .arg(sqlString(sha256)));
    if (!r)
        return r.error();
    const QList<QByteArray> cols = r->trimmed().split('\t');
    if (cols.size() < 3)
        return QString();
    return QStringLiteral("'%1', %2 events, pushed %3 UTC")
            .arg(QString::fromUtf8(cols[0]), QString::fromUtf8(cols[1]),
                 QString::fromUtf8(cols[2]));
}

Result<bool> ChPush::committed()
{
    auto earlier = pushedFile(m_conn, m_file.sha256);
    if (!earlier)
        return earlier.error();
    return !earlier->isEmpty();
}

Status ChPush::begin(const PushFile &file)
{
    m_file = file;
    auto earlier = pushedFile(m_conn, file.sha256);
    if (!earlier)
        return earlier.error();
    if (!earlier->isEmpty())
        return makeError(QStringLiteral("already in the cluster (same SHA-256 as %1); not "
                                        "pushed again")
                                 .arg(*earlier));
    // Never 0, so that "no push" cannot match.
    m_pushId = QRandomGenerator::system()->generate64() | 1;
    auto started = query(QStringLiteral("INSERT INTO pushes VALUES (%1, %2, now())")
                                 .arg(m_pushId)
                                 .arg(sqlString(file.sha256)));
    if (!started)
        return started.error();
    m_stream = std::make_unique<ChHttp>(m_conn);
    m_status = m_stream->begin(QStringLiteral("INSERT INTO events (%1, push_id, line) FORMAT "
                                              "RowBinary")
                                       .arg(eventColumnList()));
    m_rows.reserve(kChunkBytes + 4096);
    return m_status;
}

Status ChPush::add(const Event &e)
{
    if (!m_status)
        return m_status;
    appendEventRow(m_rows, e);
    appendUInt64(m_rows, m_pushId);
    appendInt64(m_rows, e.line);
    if (m_events == 0 || e.timestampUs < m_first)
        m_first = e.timestampUs;
    if (m_events == 0 || e.timestampUs > m_last)
        m_last = e.timestampUs;
    ++m_events;
    if (m_rows.size() >= kChunkBytes) {
        const QByteArray head = QByteArray::number(qulonglong(m_rows.size()), 16) + "\r\n";
        m_rows += "\r\n";
        m_status = m_stream->write(head.constData(), head.size());
        if (m_status)
            m_status = m_stream->write(m_rows.data(), qint64(m_rows.size()));
        m_rows.clear();
    }
    return m_status;
}

void ChPush::reject(std::int64_t line, std::string_view reason, std::string_view raw)
{
    appendUInt64(m_rejectRows, m_pushId);
    appendInt64(m_rejectRows, line);
    appendString(m_rejectRows, reason);
    appendString(m_rejectRows, raw.substr(0, 64 * 1024));
    ++m_rejects;
    if (m_rejectRows.size() >= kChunkBytes && m_status)
        m_status = flushRejects();
}

Status ChPush::flushRejects()
{
    if (m_rejectRows.empty())
        return {};
    ChHttp http(m_conn);
    if (Status s = http.begin(QStringLiteral("INSERT INTO rejects FORMAT RowBinary")); !s)
        return s;
    const QByteArray head = QByteArray::number(qulonglong(m_rejectRows.size()), 16) + "\r\n";
    m_rejectRows += "\r\n";
    Status s = http.write(head.constData(), head.size());
    if (s)
        s = http.write(m_rejectRows.data(), qint64(m_rejectRows.size()));
    m_rejectRows.clear();
    if (!s)
        return s;
    auto r = http.finish();
    return r ? Status() : Status(r.error());
}

Status ChPush::finish()
{
    if (!m_status)
        return m_status;
    if (!m_rows.empty()) {
        const QByteArray head = QByteArray::number(qulonglong(m_rows.size()), 16) + "\r\n";
        m_rows += "\r\n";
        if (Status s = m_stream->write(head.constData(), head.size()); !s)
            return m_status = s;
        if (Status s = m_stream->write(m_rows.data(), qint64(m_rows.size())); !s)
            return m_status = s;
        m_rows.clear();
    }
    if (auto r = m_stream->finish(); !r)
        return m_status = r.error();
    if (Status s = flushRejects(); !s)
        return m_status = s;
    auto meanwhile = committed();
    if (!meanwhile)
        return m_status = meanwhile.error();
    if (*meanwhile) {
        // Another machine finished the same file first: this push's rows are never read.
        (void)deletePushes(m_conn, {m_pushId});
        return m_status = makeError(QStringLiteral("pushed meanwhile by another machine (same "
                                                   "SHA-256); this push's rows do not count"));
    }
    auto written = query(QStringLiteral("INSERT INTO sources VALUES (%1, %2, %3, %4, %5, %6, %7, "
                                        "%8, %9, now())")
                                 .arg(sqlString(m_file.sha256))
                                 .arg(m_pushId)
                                 .arg(sqlString(m_file.name), sqlString(m_file.format))
                                 .arg(m_file.size)
                                 .arg(m_events)
                                 .arg(m_rejects)
                                 .arg(m_first)
                                 .arg(m_last));
    if (!written)
        return m_status = written.error();
    auto winner = query(QStringLiteral("SELECT min(push_id) FROM sources WHERE sha256 = %1")
                                .arg(sqlString(m_file.sha256)));
    if (!winner)
        return m_status = winner.error();
    if (winner->trimmed().toULongLong() != m_pushId) {
        (void)deletePushes(m_conn, {m_pushId}); // its sources row stays; readers take the other
        return m_status = makeError(QStringLiteral("pushed at the same moment by another machine "
                                                   "(same SHA-256); its rows count, not these"));
    }
    // The file counts now: remove what earlier broken-off pushes of it left. The push succeeded
    // whatever this says.
    auto broken = brokenPushes(m_conn, m_file.sha256, m_pushId);
    Status removed = broken ? deletePushes(m_conn, *broken) : Status(broken.error());
    if (!removed)
        m_cleanupNote = QStringLiteral("rows of earlier broken-off pushes not removed: %1")
                                .arg(removed.error().message);
    else if (!broken->empty())
        m_cleanupNote = QStringLiteral("removed the rows of %1 earlier broken-off push%2 of this "
                                       "file")
                                .arg(broken->size())
                                .arg(broken->size() == 1 ? QString() : QStringLiteral("es"));
    return {};
}

} // namespace netcase::cluster
