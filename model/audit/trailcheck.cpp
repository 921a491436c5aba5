#include "trailcheck.h"

#include "audit/decisionstore.h"
#include "audit/sectiondigest.h"
#include "audit/signaturecheck.h"
#include "case/sqlite.h"

#include <nlohmann/json.hpp>

#include <map>

namespace netcase {

namespace {

/// The content each decision.record / review.record audit record says was written, by row id.
struct Logged
{
    std::map<std::int64_t, nlohmann::json> decisions;
    std::map<std::int64_t, nlohmann::json> reviews;
};

Logged readLogged(const Database &db)
{
    Logged out;
    Statement st = db.prepare("SELECT action, payload FROM audit_log WHERE action IN "
                              "('decision.record', 'review.record') ORDER BY seq");
    while (st.valid() && st.step()) {
        const auto payload = nlohmann::json::parse(st.textView(1), nullptr, false);
        const bool isDecision = st.textView(0) == "decision.record";
        const char *key = isDecision ? "decision" : "review";
        if (!payload.is_object() || !payload.contains(key) || !payload[key].is_object())
            continue;
        const nlohmann::json &row = payload[key];
        const auto id = row.value("id", std::int64_t(0));
        (isDecision ? out.decisions : out.reviews)[id] = row;
    }
    return out;
}

bool hasTrigger(const Database &db, const char *name)
{
    Statement st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?");
    st.bind(1, name);
    return st.step();
}

template<typename Row, typename Rows>
void compare(const Rows &rows,
             std::map<std::int64_t, nlohmann::json> logged,
             const char *what,
             QStringList &problems)
{
    for (const Row &row : rows) {
        auto it = logged.find(row.id);
        if (it == logged.end()) {
            problems << QStringLiteral("%1 %2 has no audit record (inserted outside Netcase)")
                                .arg(QLatin1String(what))
                                .arg(row.id);
            continue;
        }
        if (decisions::toJson(row) != it->second)
            problems << QStringLiteral("%1 %2 differs from its audit record (altered)")
                                .arg(QLatin1String(what))
                                .arg(row.id);
        logged.erase(it);
    }
    for (const auto &[id, json] : logged)
        problems << QStringLiteral("%1 %2 is in the audit log but missing from the case "
                                   "(removed)")
                            .arg(QLatin1String(what))
                            .arg(id);
}

} // namespace

QString TrailCheck::summary() const
{
    if (!chain.intact)
        return QStringLiteral("audit chain broken at record %1: %2")
                .arg(chain.firstBadSeq)
                .arg(chain.problem);
    if (!problems.isEmpty())
        return QStringLiteral("audit trail damaged: %1").arg(problems.first());
    if (!headFound)
        return QStringLiteral("the expected head hash is not in the audit chain (records were "
                              "removed or the chain was rewritten)");
    return QStringLiteral("audit chain intact: %1 records, head %2")
            .arg(chain.records)
            .arg(chain.headHash);
}

TrailCheck TrailCheck::run(const Database &db, const QString &expectedHead)
{
    TrailCheck t;
    t.chain = AuditLog::verify(db);
    for (const char *trigger : {"audit_no_update", "audit_no_delete", "decisions_no_update",
                                "decisions_no_delete", "reviews_no_update", "reviews_no_delete"}) {
        if (!hasTrigger(db, trigger))
            t.problems << QStringLiteral("the append-only trigger %1 was removed")
                                  .arg(QLatin1String(trigger));
    }
    const Logged logged = readLogged(db);
    compare<Decision>(DecisionStore::all(db), logged.decisions, "decision", t.problems);
    compare<Review>(DecisionStore::reviews(db), logged.reviews, "review", t.problems);
    const digest::Coverage coverage = digest::check(db);
    t.problems << coverage.problems;
    t.notCovered = coverage.notCovered;
    t.sectionsChecked = coverage.sectionsChecked;
    const SignatureCheck signatures = SignatureCheck::run(db);
    t.problems << signatures.problems;
    t.signers = signatures.signers;
    t.olderUnsigned = signatures.olderUnsigned;
    if (!expectedHead.isEmpty()) {
        Statement st = db.prepare("SELECT 1 FROM audit_log WHERE hash = ?");
        st.bind(1, expectedHead.trimmed().toLower());
        t.headFound = st.step();
    }
    return t;
}

} // namespace netcase
