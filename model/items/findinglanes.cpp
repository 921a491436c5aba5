#include "findinglanes.h"

#include "case/sqlite.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace netcase {

namespace {

QString jsonList(const QStringList &values)
{
    return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

} // namespace

FindingLanes findingLanes(const Database &db, const FindingLaneQuery &q)
{
    FindingLanes out;
    if (!db.hasTable("findings"))
        return out;
    // ?1 from, ?2 to, ?3 finding id, ?4 ips, ?5 accounts, ?6 hosts (JSON arrays).
    QString where
            = QStringLiteral("%1 AND last_ts >= ?1 AND first_ts < ?2").arg(visibleFindingsSql(db));
    if (q.scoped())
        where += QStringLiteral(
                " AND (id = ?3 OR id IN (SELECT finding_id FROM finding_entities WHERE "
                "(type = 'ip' AND value IN (SELECT value FROM json_each(?4))) OR "
                "(type = 'account' AND value IN (SELECT value FROM json_each(?5))) OR "
                "(type = 'host' AND value IN (SELECT value FROM json_each(?6)))))");
    auto bindAll = [&](Statement &st) {
        st.bind(1, q.fromUs).bind(2, q.toUs);
        if (q.scoped())
            st.bind(3, q.findingId)
                    .bind(4, jsonList(q.ips))
                    .bind(5, jsonList(q.accounts))
                    .bind(6, jsonList(q.hosts));
    };
    {
        Statement c = db.prepare(
                QStringLiteral("SELECT count(*) FROM findings WHERE %1").arg(where).toStdString());
        bindAll(c);
        out.total = c.step() ? c.int64(0) : 0;
    }
    Statement st = db.prepare(QStringLiteral("SELECT id, first_ts, last_ts, severity, kind, title "
                                             "FROM findings WHERE %1 ORDER BY id = ?3 DESC, "
                                             "severity DESC, first_ts, id LIMIT ?7")
                                      .arg(where)
                                      .toStdString());
    bindAll(st);
    st.bind(3, q.findingId).bind(7, q.limit);
    while (st.step()) {
        FindingBand b;
        b.id = st.int64(0);
        b.firstUs = st.int64(1);
        b.lastUs = std::max(st.int64(2), b.firstUs);
        b.severity = int(st.int64(3));
        b.kind = st.text(4);
        b.title = st.text(5);
        out.lanes.push_back(b);
    }
    return out;
}

} // namespace netcase
