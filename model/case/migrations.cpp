#include "migrations.h"

#include "schema.h"
#include "sqlite.h"
#include "store/eventstore.h"

#include <string>

namespace netcase {

namespace {

struct Step
{
    std::string (*sql)();
    Status (*code)(Database &) = nullptr; ///< runs after the SQL, in the same transaction
};

/// reviews.self_review: a review its decision's analyst recorded and marked as such.
Status addSelfReviewFlag(Database &db)
{
    if (db.scalar("SELECT count(*) FROM pragma_table_info('reviews') WHERE name = 'self_review'")
        > 0)
        return {};
    return db.exec("ALTER TABLE reviews ADD COLUMN self_review INTEGER NOT NULL DEFAULT 0");
}

// Index i migrates from version i to i + 1. Append only; never edit a released step.
const Step kSteps[] = {
        {[] {
            return std::string(schema::coreV1()) + schema::enrichV1() + schema::analysisV1()
                   + schema::auditV1();
        }},
        {[] {
            return std::string(schema::coreV2());
        }},
        {[] { return std::string(schema::coreV3()); }, moveEventsToStore},
        {[] {
            return std::string(schema::coreV4());
        }},
        {[] { return std::string(schema::auditV5()); }, addSelfReviewFlag},
        {[] {
            return std::string(schema::notesV6()) + schema::intelV6();
        }},
};

static_assert(std::size(kSteps) == kSchemaVersion);

} // namespace

int schemaVersion(const Database &db)
{
    return int(db.scalar("PRAGMA user_version"));
}

Status migrate(Database &db)
{
    const int current = schemaVersion(db);
    for (int v = current; v < kSchemaVersion; ++v) {
        Transaction tx(db);
        if (!tx.active())
            return makeError(QStringLiteral("cannot start migration: %1").arg(db.lastError()));
        Status s = db.exec(kSteps[v].sql());
        if (s.ok() && kSteps[v].code)
            s = kSteps[v].code(db);
        if (!s.ok())
            return makeError(QStringLiteral("migration to schema %1 failed: %2")
                                     .arg(v + 1)
                                     .arg(s.error().message));
        if (Status s = db.exec("PRAGMA user_version = " + std::to_string(v + 1)); !s.ok())
            return s;
        if (Status s = tx.commit(); !s.ok())
            return s;
    }
    return {};
}

} // namespace netcase
