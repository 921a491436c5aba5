#include "tuning.h"

#include "finding.h"
#include "rules.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"

#include <QStringList>

#include <sqlite3.h>

#include <array>
#include <memory>

namespace netcase {

namespace {

/// A transaction only when the caller has none (the decision pane may wrap us in its own).
std::unique_ptr<Transaction> beginIfNeeded(Database &db)
{
    if (sqlite3_get_autocommit(db.handle()) == 0)
        return nullptr;
    return std::make_unique<Transaction>(db);
}

Status commitIfOwned(const std::unique_ptr<Transaction> &t)
{
    return t ? t->commit() : Status();
}

TuningEntry fromRow(const Statement &st)
{
    TuningEntry e;
    e.id = st.int64(0);
    e.rule = st.text(1);
    e.kind = TuningEntry::kindFromName(st.text(2)).value_or(TuningEntry::Kind::Entity);
    e.value = st.text(3);
    e.reason = st.text(4);
    e.createdBy = st.text(5);
    e.createdAt = st.text(6);
    e.expiresAt = st.text(7);
    e.decisionId = st.int64(8);
    return e;
}

} // namespace

bool TuningEntry::expired(const QString &now) const
{
    return !expiresAt.isEmpty() && expiresAt <= now;
}

QString TuningEntry::kindName(Kind k)
{
    switch (k) {
    case Kind::Entity:
        return QStringLiteral("entity");
    case Kind::Cidr:
        return QStringLiteral("cidr");
    case Kind::Asn:
        return QStringLiteral("asn");
    case Kind::Threshold:
        return QStringLiteral("threshold");
    }
    return {};
}

std::optional<TuningEntry::Kind> TuningEntry::kindFromName(const QString &name)
{
    for (Kind k : {Kind::Entity, Kind::Cidr, Kind::Asn, Kind::Threshold})
        if (kindName(k) == name)
            return k;
    return std::nullopt;
}

Result<std::int64_t> Tuning::add(Database &db, TuningEntry e, const QString &actor)
{
    if (e.rule.isEmpty())
        return makeError(QStringLiteral("a tuning entry needs a rule"), ErrorCode::Usage);
    if (e.reason.trimmed().isEmpty())
        return makeError(QStringLiteral("a tuning entry needs a reason"), ErrorCode::Usage);
    if (!e.expiresAt.isEmpty() && !parseIso(e.expiresAt.toStdString()))
        return makeError(QStringLiteral("expiry is not an ISO 8601 time: %1").arg(e.expiresAt),
                         ErrorCode::Usage);
    nlohmann::json threshold;
    if (e.kind == TuningEntry::Kind::Cidr && !validCidr(e.value.toStdString()))
        return makeError(QStringLiteral("not a CIDR block: %1").arg(e.value), ErrorCode::Usage);
    if (e.kind == TuningEntry::Kind::Asn) {
        QString v = e.value;
        if (v.startsWith(QLatin1String("AS"), Qt::CaseInsensitive))
            v = v.mid(2);
        bool ok = false;
        v.toLongLong(&ok);
        if (!ok)
            return makeError(QStringLiteral("not an AS number: %1").arg(e.value), ErrorCode::Usage);
        e.value = QStringLiteral("AS") + v;
    }
    if (e.kind == TuningEntry::Kind::Threshold) {
        threshold = nlohmann::json::parse(e.value.toStdString(), nullptr, false);
        if (!threshold.is_object() || !threshold.contains("key") || !threshold.contains("value")
            || !threshold["key"].is_string())
            return makeError(QStringLiteral("a threshold change is {\"key\": ..., \"value\": ...}"),
                             ErrorCode::Usage);
        auto defaults = Rules::defaults();
        const std::string rule = e.rule.toStdString();
        if (!defaults || !defaults->json()["rules"].contains(rule)
            || !defaults->json()["rules"][rule].contains(threshold["key"].get<std::string>()))
            return makeError(QStringLiteral("rule %1 has no threshold %2")
                                     .arg(e.rule, QString::fromStdString(
                                                          threshold["key"].get<std::string>())),
                             ErrorCode::Usage);
    }
    if (e.value.trimmed().isEmpty())
        return makeError(QStringLiteral("a tuning entry needs a value"), ErrorCode::Usage);
    e.createdBy = actor;
    e.createdAt = nowIso();
    auto txn = beginIfNeeded(db);
    Statement st = db.prepare(
            "INSERT INTO rule_tuning(rule, kind, value, reason, created_by, created_at, "
            "expires_at, decision_id) VALUES(?,?,?,?,?,?,?,?)");
    st.bind(1, e.rule).bind(2, TuningEntry::kindName(e.kind)).bind(3, e.value);
    st.bind(4, e.reason).bind(5, e.createdBy).bind(6, e.createdAt);
    if (e.expiresAt.isEmpty())
        st.bindNull(7);
    else
        st.bind(7, e.expiresAt);
    if (e.decisionId)
        st.bind(8, e.decisionId);
    else
        st.bindNull(8);
    if (auto s = st.exec(); !s)
        return s.error();
    const std::int64_t id = db.lastInsertId();
    if (!threshold.is_null()) {
        nlohmann::json patch;
        patch["rules"][e.rule.toStdString()][threshold["key"].get<std::string>()]
                = threshold["value"];
        if (auto s = Rules::mergeOverride(db, patch); !s)
            return s.error();
    }
    const nlohmann::json payload = {{"id", id},
                                    {"rule", e.rule.toStdString()},
                                    {"kind", TuningEntry::kindName(e.kind).toStdString()},
                                    {"value", e.value.toStdString()},
                                    {"reason", e.reason.toStdString()},
                                    {"expires_at", e.expiresAt.toStdString()},
                                    {"decision_id", e.decisionId}};
    if (auto s = AuditLog::append(db, actor, QStringLiteral("rule_tuning.add"), payload); !s)
        return s.error();
    if (auto s = commitIfOwned(txn); !s)
        return s.error();
    return id;
}

Status Tuning::expire(Database &db, std::int64_t id, const QString &actor)
{
    auto txn = beginIfNeeded(db);
    Statement st = db.prepare("UPDATE rule_tuning SET expires_at = ? WHERE id = ?");
    if (auto s = st.bind(1, nowIso()).bind(2, id).exec(); !s)
        return s;
    if (db.changes() == 0)
        return makeError(QStringLiteral("no tuning entry %1").arg(id), ErrorCode::Usage);
    if (auto s = AuditLog::append(db, actor, QStringLiteral("rule_tuning.expire"), {{"id", id}});
        !s)
        return s;
    return commitIfOwned(txn);
}

std::vector<TuningEntry> Tuning::list(const Database &db, bool includeExpired)
{
    std::vector<TuningEntry> out;
    const QString now = nowIso();
    Statement st = db.prepare("SELECT id, rule, kind, value, reason, created_by, created_at, "
                              "COALESCE(expires_at, ''), COALESCE(decision_id, 0) "
                              "FROM rule_tuning ORDER BY id");
    while (st.step()) {
        TuningEntry e = fromRow(st);
        if (includeExpired || !e.expired(now))
            out.push_back(std::move(e));
    }
    return out;
}

Result<std::int64_t> Tuning::recordVerdict(Database &db,
                                           std::int64_t findingId,
                                           const QString &verdict,
                                           const QString &reason,
                                           const std::optional<TuningEntry> &tuning,
                                           const QString &actor)
{
    auto txn = beginIfNeeded(db);
    Statement rule = db.prepare("SELECT rule FROM findings WHERE id = ?");
    rule.bind(1, findingId);
    if (!rule.step())
        return makeError(QStringLiteral("no finding %1").arg(findingId), ErrorCode::Usage);
    const QString ruleName = rule.text(0);
    rule.reset();
    const bool benign = verdict == QLatin1String("benign");
    const bool escalated = verdict == QLatin1String("escalate");
    Statement st = db.prepare(
            "INSERT INTO rule_stats(rule, hits, escalated, benign, updated_at) VALUES(?, 0, ?, ?, "
            "?) "
            "ON CONFLICT(rule) DO UPDATE SET escalated = escalated + excluded.escalated, "
            "benign = benign + excluded.benign, updated_at = excluded.updated_at");
    st.bind(1, ruleName).bind(2, escalated ? 1 : 0).bind(3, benign ? 1 : 0).bind(4, nowIso());
    if (auto s = st.exec(); !s)
        return s.error();
    if (auto s = AuditLog::append(db, actor, QStringLiteral("finding.verdict"),
                                  {{"finding_id", findingId},
                                   {"rule", ruleName.toStdString()},
                                   {"verdict", verdict.toStdString()},
                                   {"reason", reason.toStdString()}});
        !s)
        return s.error();
    std::int64_t tuningId = 0;
    if (tuning) {
        TuningEntry e = *tuning;
        if (e.rule.isEmpty())
            e.rule = ruleName;
        if (e.reason.isEmpty())
            e.reason = reason;
        auto id = add(db, e, actor);
        if (!id)
            return id.error();
        tuningId = *id;
    }
    if (auto s = commitIfOwned(txn); !s)
        return s.error();
    return tuningId;
}

std::vector<RuleStats> Tuning::stats(const Database &db)
{
    std::vector<RuleStats> out;
    Statement st = db.prepare("SELECT rule, hits, escalated, benign FROM rule_stats ORDER BY rule");
    while (st.step())
        out.push_back(RuleStats{st.text(0), st.int64(1), st.int64(2), st.int64(3)});
    return out;
}

nlohmann::json Tuning::statsJson(const Database &db)
{
    auto a = nlohmann::json::array();
    for (const RuleStats &s : stats(db)) {
        const std::int64_t reviewed = s.escalated + s.benign;
        a.push_back({{"rule", s.rule.toStdString()},
                     {"hits", s.hits},
                     {"escalated", s.escalated},
                     {"benign", s.benign},
                     {"benign_ratio", reviewed ? double(s.benign) / double(reviewed) : 0.0}});
    }
    return a;
}

std::int64_t Tuning::suppressing(const std::vector<TuningEntry> &entries, const Finding &f)
{
    for (const TuningEntry &e : entries) {
        if (e.rule != QLatin1String("*") && e.rule.toStdString() != f.rule
            && e.rule.toStdString() != f.kind)
            continue;
        const std::string v = e.value.toStdString();
        switch (e.kind) {
        case TuningEntry::Kind::Entity:
            if (f.ips.count(v) || f.accounts.count(v) || f.hosts.count(v))
                return e.id;
            break;
        case TuningEntry::Kind::Cidr:
            // Suppressed only when every address of the finding is inside the block.
            if (!f.ips.empty()
                && std::all_of(f.ips.begin(), f.ips.end(), [&](const std::string &ip) {
                       return inCidr(ip, e.value.toStdString());
                   }))
                return e.id;
            break;
        case TuningEntry::Kind::Asn:
            if (f.asns.count(e.value.mid(2).toLongLong()))
                return e.id;
            break;
        case TuningEntry::Kind::Threshold:
            break;
        }
    }
    return 0;
}

} // namespace netcase
