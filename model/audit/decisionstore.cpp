#include "decisionstore.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/identity.h"
#include "core/timeutil.h"

#include <QUuid>

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

constexpr const char *kDecisionColumns
        = "SELECT id, decision_key, revision, subject_type, subject_value, verdict, confidence, "
          "factors, reasoning, proportionality, analyst, created_at FROM decisions ";

Decision readDecision(const Statement &st)
{
    Decision d;
    d.id = st.int64(0);
    d.key = st.text(1);
    d.revision = int(st.int64(2));
    d.subject = {st.text(3), st.text(4)};
    d.verdict = st.text(5);
    d.confidence = st.text(6);
    d.factors = decisions::factorsFromJson(nlohmann::json::parse(st.textView(7), nullptr, false));
    d.reasoning = st.text(8);
    d.proportionality = st.text(9);
    d.analyst = st.text(10);
    d.createdAt = st.text(11);
    return d;
}

std::vector<Decision>
query(const Database &db, const std::string &where, const QString &a = {}, const QString &b = {})
{
    std::vector<Decision> out;
    Statement st = db.prepare(kDecisionColumns + where);
    if (!st.valid())
        return out;
    if (!a.isNull())
        st.bind(1, a);
    if (!b.isNull())
        st.bind(2, b);
    while (st.step())
        out.push_back(readDecision(st));
    return out;
}

Status validate(const Decision &d)
{
    if (!d.subject.isValid() || !decisions::subjectTypes().contains(d.subject.type))
        return makeError(QStringLiteral("a decision needs a subject (ip, account, host, finding "
                                        "or selection)"),
                         ErrorCode::Usage);
    if (!decisions::verdicts().contains(d.verdict))
        return makeError(QStringLiteral("unknown verdict '%1'; use one of: %2")
                                 .arg(d.verdict, decisions::verdicts().join(QStringLiteral(", "))),
                         ErrorCode::Usage);
    if (!decisions::confidences().contains(d.confidence))
        return makeError(QStringLiteral("unknown confidence '%1'; use low, medium or high")
                                 .arg(d.confidence),
                         ErrorCode::Usage);
    if (d.reasoning.trimmed().isEmpty())
        return makeError(QStringLiteral("a decision needs its reasoning"), ErrorCode::Usage);
    if (d.analyst.trimmed().isEmpty())
        return makeError(QStringLiteral("a decision needs the analyst's name"), ErrorCode::Usage);
    return {};
}

} // namespace

Result<Decision> DecisionStore::record(Database &db, Decision d, std::int64_t revisesId)
{
    if (db.readOnly())
        return makeError(QStringLiteral("the case is read-only; decisions cannot be recorded"),
                         ErrorCode::Locked);
    if (revisesId > 0) {
        const std::optional<Decision> base = byId(db, revisesId);
        if (!base)
            return makeError(QStringLiteral("there is no decision %1 to revise").arg(revisesId),
                             ErrorCode::Usage);
        if (d.subject.isValid() && d.subject != base->subject)
            return makeError(QStringLiteral("decision %1 is about %2, not %3; a revision keeps "
                                            "its subject")
                                     .arg(revisesId)
                                     .arg(base->subject.toString(), d.subject.toString()),
                             ErrorCode::Usage);
        d.subject = base->subject;
        d.key = base->key;
    } else {
        d.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (d.subject.type == QLatin1String("finding")) {
            Statement finding = db.prepare("SELECT 1 FROM findings WHERE id = ?");
            finding.bind(1, std::int64_t(d.subject.value.toLongLong()));
            if (!finding.step())
                return makeError(QStringLiteral("there is no finding %1 in the case (see the "
                                                "findings list)")
                                         .arg(d.subject.value),
                                 ErrorCode::Usage);
        }
    }
    if (Status s = validate(d); !s.ok())
        return s.error();

    Transaction tx(db);
    d.revision = 1;
    if (revisesId > 0) {
        Statement max = db.prepare("SELECT max(revision) FROM decisions WHERE decision_key = ?");
        max.bind(1, d.key);
        if (max.step())
            d.revision = int(max.int64(0)) + 1;
    }
    d.createdAt = nowIso();
    const std::string factors = decisions::factorsToJson(d.factors).dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace);
    Statement ins = db.prepare(
            "INSERT INTO decisions(decision_key, revision, subject_type, subject_value, verdict, "
            "confidence, factors, reasoning, proportionality, analyst, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, d.key).bind(2, d.revision).bind(3, d.subject.type).bind(4, d.subject.value);
    ins.bind(5, d.verdict).bind(6, d.confidence).bind(7, std::string_view(factors));
    ins.bind(8, d.reasoning).bind(9, d.proportionality).bind(10, d.analyst).bind(11, d.createdAt);
    if (Status s = ins.exec(); !s.ok())
        return s.error();
    d.id = db.lastInsertId();
    if (Status s = AuditLog::append(db, d.analyst, QStringLiteral("decision.record"),
                                    {{"decision", decisions::toJson(d)}});
        !s.ok())
        return s.error();
    if (Status s = tx.commit(); !s.ok())
        return s.error();
    return d;
}

Result<Review> DecisionStore::addReview(Database &db, Review r)
{
    if (db.readOnly())
        return makeError(QStringLiteral("the case is read-only; the review cannot be recorded"),
                         ErrorCode::Locked);
    if (!decisions::reviewVerdicts().contains(r.verdict))
        return makeError(QStringLiteral("a review agrees or challenges, not '%1'").arg(r.verdict),
                         ErrorCode::Usage);
    if (r.verdict == QLatin1String("challenge") && r.note.trimmed().isEmpty())
        return makeError(QStringLiteral("a challenge needs a note saying why"), ErrorCode::Usage);
    if (r.reviewer.trimmed().isEmpty())
        return makeError(QStringLiteral("a review needs the reviewer's name"), ErrorCode::Usage);
    const std::optional<Decision> decided = byId(db, r.decisionId);
    if (!decided)
        return makeError(QStringLiteral("there is no decision %1").arg(r.decisionId),
                         ErrorCode::Usage);
    if (!r.selfReview) {
        const QString account = osAccountName();
        const QString decidedBy = decisionAccount(db, r.decisionId);
        if (r.reviewer.trimmed().compare(decided->analyst.trimmed(), Qt::CaseInsensitive) == 0)
            return makeError(QStringLiteral("%1 made decision %2; a review of one's own decision "
                                            "is refused unless marked as a self-review "
                                            "(--self-review)")
                                     .arg(r.reviewer.trimmed())
                                     .arg(r.decisionId),
                             ErrorCode::Usage);
        if (!decidedBy.isEmpty() && decidedBy == account)
            return makeError(QStringLiteral("decision %1 was recorded by the operating-system "
                                            "account %2, which is recording this review too; "
                                            "a review from the same account is refused unless "
                                            "marked as a self-review (--self-review)")
                                     .arg(r.decisionId)
                                     .arg(account),
                             ErrorCode::Usage);
    }
    Transaction tx(db);
    r.createdAt = nowIso();
    const bool hasFlag = db.scalar("SELECT count(*) FROM pragma_table_info('reviews') "
                                   "WHERE name = 'self_review'")
                         > 0;
    Statement ins = db.prepare(hasFlag ? "INSERT INTO reviews(decision_id, verdict, note, "
                                         "reviewer, created_at, self_review) VALUES (?, ?, ?, ?, "
                                         "?, ?)"
                                       : "INSERT INTO reviews(decision_id, verdict, note, "
                                         "reviewer, created_at) VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, r.decisionId).bind(2, r.verdict).bind(3, r.note).bind(4, r.reviewer);
    ins.bind(5, r.createdAt);
    if (hasFlag)
        ins.bind(6, r.selfReview ? 1 : 0);
    if (Status s = ins.exec(); !s.ok())
        return s.error();
    r.id = db.lastInsertId();
    if (Status s = AuditLog::append(db, r.reviewer, QStringLiteral("review.record"),
                                    {{"review", decisions::toJson(r)}});
        !s.ok())
        return s.error();
    if (Status s = tx.commit(); !s.ok())
        return s.error();
    return r;
}

std::optional<Decision> DecisionStore::byId(const Database &db, std::int64_t id)
{
    Statement st = db.prepare(std::string(kDecisionColumns) + "WHERE id = ?");
    if (!st.valid())
        return std::nullopt;
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readDecision(st);
}

std::vector<Decision> DecisionStore::all(const Database &db)
{
    return query(db, "ORDER BY decision_key, revision");
}

std::vector<Decision> DecisionStore::latest(const Database &db)
{
    return query(db, "WHERE revision = (SELECT max(revision) FROM decisions d2 "
                     "WHERE d2.decision_key = decisions.decision_key) ORDER BY id DESC");
}

std::vector<Decision> DecisionStore::forSubject(const Database &db, const Subject &subject)
{
    return query(db, "WHERE subject_type = ? AND subject_value = ? ORDER BY id DESC", subject.type,
                 subject.value);
}

std::vector<Decision> DecisionStore::revisions(const Database &db, const QString &key)
{
    return query(db, "WHERE decision_key = ? ORDER BY revision", key);
}

std::vector<Review> DecisionStore::reviews(const Database &db, std::int64_t decisionId)
{
    std::vector<Review> out;
    // Cases from before schema 5 (read-only opening) have no self_review column.
    const bool hasFlag = db.scalar("SELECT count(*) FROM pragma_table_info('reviews') "
                                   "WHERE name = 'self_review'")
                         > 0;
    std::string sql = hasFlag ? "SELECT id, decision_id, verdict, note, reviewer, created_at, "
                                "self_review FROM reviews "
                              : "SELECT id, decision_id, verdict, note, reviewer, created_at, 0 "
                                "FROM reviews ";
    sql += decisionId > 0 ? "WHERE decision_id = ? ORDER BY id" : "ORDER BY id";
    Statement st = db.prepare(sql);
    if (!st.valid())
        return out;
    if (decisionId > 0)
        st.bind(1, decisionId);
    while (st.step())
        out.push_back({st.int64(0), st.int64(1), st.text(2), st.text(3), st.text(4), st.text(5),
                       st.int64(6) != 0});
    return out;
}

QString DecisionStore::decisionAccount(const Database &db, std::int64_t decisionId)
{
    Statement st = db.prepare("SELECT json_extract(payload, '$.os_account') FROM audit_log "
                              "WHERE action = 'decision.record' AND json_valid(payload) AND "
                              "json_extract(payload, '$.decision.id') = ?");
    st.bind(1, decisionId);
    return st.step() && !st.isNull(0) ? st.text(0) : QString();
}

} // namespace netcase
