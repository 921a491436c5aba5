#include "savedsearches.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/timeutil.h"

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

Status writable(const Database &db, const QString &analyst)
{
    if (db.readOnly())
        return makeError(QStringLiteral("the case is read-only; searches cannot be saved"),
                         ErrorCode::Locked);
    if (!db.hasTable("saved_searches"))
        return makeError(QStringLiteral("this case predates saved searches: run netcase upgrade "
                                        "on it"),
                         ErrorCode::Locked);
    if (analyst.trimmed().isEmpty())
        return makeError(QStringLiteral("saving a search needs the analyst's name"),
                         ErrorCode::Usage);
    return {};
}

} // namespace

Status SavedSearches::save(Database &db,
                           const QString &rawName,
                           const QString &query,
                           const QString &analyst)
{
    if (Status s = writable(db, analyst); !s.ok())
        return s;
    const QString name = rawName.trimmed();
    if (name.isEmpty() || name.size() > 100 || name.contains(QLatin1Char('\n')))
        return makeError(QStringLiteral("a saved search needs a name of one line (at most 100 "
                                        "characters)"),
                         ErrorCode::Usage);
    if (query.trimmed().isEmpty())
        return makeError(QStringLiteral("there is no query to save"), ErrorCode::Usage);
    Transaction tx(db);
    if (!tx.active())
        return makeError(QStringLiteral("cannot save the search: %1").arg(db.lastError()));
    Statement ins = db.prepare("INSERT OR REPLACE INTO saved_searches(name, query, analyst, "
                               "saved_at) VALUES (?, ?, ?, ?)");
    ins.bind(1, name).bind(2, query.trimmed()).bind(3, analyst).bind(4, nowIso());
    if (Status s = ins.exec(); !s.ok())
        return s;
    if (Status s = AuditLog::append(
                db, analyst, QStringLiteral("search.save"),
                {{"name", name.toStdString()}, {"query", query.trimmed().toStdString()}});
        !s.ok())
        return s;
    return tx.commit();
}

Status SavedSearches::remove(Database &db, const QString &name, const QString &analyst)
{
    if (Status s = writable(db, analyst); !s.ok())
        return s;
    Transaction tx(db);
    if (!tx.active())
        return makeError(QStringLiteral("cannot remove the search: %1").arg(db.lastError()));
    Statement del = db.prepare("DELETE FROM saved_searches WHERE name = ?");
    del.bind(1, name);
    if (Status s = del.exec(); !s.ok())
        return s;
    if (db.changes() == 0)
        return makeError(QStringLiteral("there is no saved search '%1'").arg(name),
                         ErrorCode::Usage);
    if (Status s = AuditLog::append(db, analyst, QStringLiteral("search.delete"),
                                    {{"name", name.toStdString()}});
        !s.ok())
        return s;
    return tx.commit();
}

std::vector<SavedSearch> SavedSearches::all(const Database &db)
{
    std::vector<SavedSearch> out;
    if (!db.hasTable("saved_searches"))
        return out;
    Statement st = db.prepare("SELECT name, query, analyst, saved_at FROM saved_searches "
                              "ORDER BY name");
    while (st.valid() && st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
    return out;
}

} // namespace netcase
