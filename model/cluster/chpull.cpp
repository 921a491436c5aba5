#include "chpull.h"

#include "audit/auditlog.h"
#include "case/casefile.h"
#include "case/sourcestore.h"
#include "case/sqlite.h"
#include "cluster/chhttp.h"
#include "cluster/chrows.h"
#include "cluster/chschema.h"
#include "core/identity.h"
#include "core/timeutil.h"
#include "store/eventwriter.h"

#include <QCryptographicHash>

#include <nlohmann/json.hpp>

namespace netcase::cluster {

namespace {

constexpr std::int64_t kNoEnd = std::numeric_limits<std::int64_t>::max();

QString whereClause(const ChFilter &f)
{
    return QStringLiteral("ts >= %1 AND ts < %2 AND push_id GLOBAL IN %3 AND (%4)")
            .arg(f.fromUs)
            .arg(f.toUs)
            .arg(visiblePushes(), f.where);
}

QString servers(const ChConnection &c)
{
    return QStringLiteral("%1:%2").arg(c.hosts.front().host).arg(c.hosts.front().port);
}

} // namespace

Result<std::int64_t> countEvents(const ChConnection &c, const ChFilter &f)
{
    ChHttp http(c);
    auto body
            = http.query(QStringLiteral("SELECT count() FROM events WHERE %1").arg(whereClause(f)));
    if (!body)
        return body.error();
    return std::int64_t(body->trimmed().toLongLong());
}

Result<PullReport> pullIntoCase(CaseFile &caseFile,
                                const ChConnection &c,
                                const ChFilter &f,
                                const std::atomic<bool> &cancel)
{
    if (caseFile.readOnly())
        return makeError(caseFile.readOnlyReason().isEmpty()
                                 ? QStringLiteral("the case is open read-only")
                                 : caseFile.readOnlyReason(),
                         ErrorCode::Locked);
    // A total order, so that the same slice always gives the same bytes (and hash).
    ChHttp http(c);
    auto body = http.query(QStringLiteral("SELECT %1 FROM events WHERE %2 ORDER BY ts, push_id, "
                                          "line, source_ip, user, action, url FORMAT RowBinary")
                                   .arg(eventColumnList(), whereClause(f)));
    if (!body)
        return body.error();
    if (cancel.load())
        return makeError(QStringLiteral("pull cancelled; the case is unchanged"),
                         ErrorCode::Cancelled);
    PullReport rep;
    rep.bytes = body->size();
    rep.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(*body, QCryptographicHash::Sha256).toHex());

    Database &db = caseFile.db();
    if (const auto earlier = SourceStore::sameContent(db, rep.sha256, f.text))
        return makeError(QStringLiteral("these events are already in the case (same SHA-256 as "
                                        "source '%1'); not pulled again")
                                 .arg(*earlier));
    Transaction tx(db);
    if (!tx.active())
        return makeError(QStringLiteral("cannot write to the case: %1").arg(db.lastError()),
                         ErrorCode::Locked);
    const QString actor = currentUserName();
    const nlohmann::json provenance = {{"server", servers(c).toStdString()},
                                       {"database", c.database.toStdString()},
                                       {"filter", f.text.toStdString()},
                                       {"from", f.fromUs > 0 ? formatIsoUs(f.fromUs) : ""},
                                       {"to", f.toUs < kNoEnd ? formatIsoUs(f.toUs) : ""}};
    const QString name = QStringLiteral("clickhouse %1/%2").arg(servers(c), c.database);
    const SourceRecord record{name,
                              name,
                              f.text,
                              rep.bytes,
                              QStringLiteral("clickhouse"),
                              QStringLiteral("UTC"),
                              provenance.dump(),
                              nowIso(),
                              actor};
    auto begun = SourceStore::begin(db, record);
    if (!begun)
        return makeError(QStringLiteral("cannot record the source: %1").arg(begun.error().message));
    rep.sourceId = *begun;
    EventWriter writer(db, rep.sourceId);
    RowReader reader(std::string_view(body->constData(), size_t(body->size())));
    Event e;
    std::int64_t line = 0;
    while (!reader.atEnd()) {
        if (!reader.readEvent(e))
            return makeError(QStringLiteral("ClickHouse sent rows Netcase cannot read (after %1 "
                                            "events); the case is unchanged")
                                     .arg(line));
        e.line = ++line;
        // The cluster keeps normalised events, not the lines they came from: no raw record.
        if (Status s = writer.add(e, std::string_view()); !s)
            return s.error();
        if ((line & 4095) == 0 && cancel.load())
            return makeError(QStringLiteral("pull cancelled; the case is unchanged"),
                             ErrorCode::Cancelled);
    }
    if (Status s = writer.finish(); !s)
        return s.error();
    rep.events = writer.events();
    rep.firstUs = rep.events > 0 ? writer.firstTs() : 0;
    rep.lastUs = rep.events > 0 ? writer.lastTs() : 0;
    const SourceCounts counts{rep.sha256, rep.events, 0, 0, rep.firstUs, rep.lastUs};
    if (Status s = SourceStore::finish(db, rep.sourceId, counts); !s)
        return s.error();
    nlohmann::json payload = provenance;
    payload["source_id"] = rep.sourceId;
    payload["events"] = rep.events;
    payload["sha256"] = rep.sha256.toStdString();
    if (Status s = AuditLog::append(db, actor, QStringLiteral("pull"), payload); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return rep;
}

} // namespace netcase::cluster
