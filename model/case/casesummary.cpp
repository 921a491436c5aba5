#include "casesummary.h"

#include "audit/auditlog.h"
#include "case/casefile.h"
#include "core/timeutil.h"
#include "store/eventstore.h"

#include <nlohmann/json.hpp>

namespace netcase {

CaseSummary CaseSummary::read(const CaseFile &c)
{
    CaseSummary s;
    s.info = c.info();
    s.path = c.path();
    const Database &db = c.db();
    Statement st = db.prepare("SELECT id, name, path, member, sha256, format, timezone, "
                              "imported_at, imported_by, size, events, rejects, first_ts, "
                              "last_ts FROM sources ORDER BY id");
    while (st.step()) {
        SourceSummary src;
        src.id = st.int64(0);
        src.name = st.text(1);
        src.path = st.text(2);
        src.member = st.text(3);
        src.sha256 = st.text(4);
        src.format = st.text(5);
        src.timezone = st.text(6);
        src.importedAt = st.text(7);
        src.importedBy = st.text(8);
        src.size = st.int64(9);
        src.events = st.int64(10);
        src.rejects = st.int64(11);
        src.firstTs = st.int64(12);
        src.lastTs = st.int64(13);
        s.events += src.events;
        s.rejects += src.rejects;
        s.sources.push_back(std::move(src));
    }
    Statement reasons = db.prepare("SELECT reason, count(*) FROM rejects WHERE source_id = ? "
                                   "GROUP BY reason ORDER BY count(*) DESC, reason");
    for (SourceSummary &src : s.sources) {
        if (src.rejects == 0)
            continue;
        reasons.bind(1, src.id);
        while (reasons.step())
            src.rejectReasons.emplace_back(reasons.text(0), reasons.int64(1));
        reasons.reset();
    }
    const EventStoreStats store = eventStoreStats(db);
    // After a purge (case/retention) the sources keep what was imported; the totals say what
    // the case still holds.
    if (!s.info.purgedAt.isEmpty()) {
        s.events = store.events;
        s.rejects = db.scalar("SELECT count(*) FROM rejects");
    }
    if (s.events > 0) {
        s.firstTs = store.firstTs;
        s.lastTs = store.lastTs;
    }
    s.distinctIps = db.scalar("SELECT count(*) FROM ips");
    s.distinctUsers = store.distinctUsers;
    s.auditHead = AuditLog::headHash(db);
    return s;
}

nlohmann::json CaseSummary::toJson() const
{
    auto str = [](const QString &q) {
        return q.toStdString();
    };
    nlohmann::json j = {{"title", str(info.title)},
                        {"authorization", str(info.authorization)},
                        {"scope", str(info.scope)},
                        {"retention_date", str(info.retentionDate)},
                        {"preserved", !info.preserveReason.isEmpty()},
                        {"created_at", str(info.createdAt)},
                        {"created_by", str(info.createdBy)},
                        {"netcase_version", str(info.netcaseVersion)},
                        {"events", events},
                        {"rejects", rejects},
                        {"distinct_ips", distinctIps},
                        {"distinct_users", distinctUsers},
                        {"audit_head", str(auditHead)},
                        {"sources", nlohmann::json::array()}};
    j["time_span"] = events > 0 ? nlohmann::json{{"from", formatIsoUs(firstTs)},
                                                 {"to", formatIsoUs(lastTs)}}
                                : nlohmann::json(nullptr);
    if (!info.noAuthorizationReason.isEmpty())
        j["no_authorization_reason"] = str(info.noAuthorizationReason);
    if (!info.preserveReason.isEmpty())
        j["preserve_reason"] = str(info.preserveReason);
    if (!info.purgedAt.isEmpty())
        j["purged_at"] = str(info.purgedAt);
    for (const SourceSummary &s : sources) {
        nlohmann::json o = {{"id", s.id},
                            {"name", str(s.name)},
                            {"path", str(s.path)},
                            {"sha256", str(s.sha256)},
                            {"size", s.size},
                            {"format", str(s.format)},
                            {"timezone", str(s.timezone)},
                            {"imported_at", str(s.importedAt)},
                            {"imported_by", str(s.importedBy)},
                            {"events", s.events},
                            {"rejects", s.rejects},
                            {"reject_reasons", nlohmann::json::object()}};
        if (!s.member.isEmpty())
            o["member"] = str(s.member);
        for (const auto &[reason, count] : s.rejectReasons)
            o["reject_reasons"][str(reason)] = count;
        j["sources"].push_back(o);
    }
    return j;
}

} // namespace netcase
