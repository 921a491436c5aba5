#include "mappingstore.h"

#include "audit/auditlog.h"
#include "case/settingsstore.h"
#include "case/sqlite.h"

#include <nlohmann/json.hpp>

namespace netcase {

namespace {
const QString kPrefix = QStringLiteral("mapping:");
}

std::vector<FieldMapping> MappingStore::list(const Database &db)
{
    std::vector<FieldMapping> out;
    for (const auto &[name, json] : SettingsStore::withPrefix(db, kPrefix)) {
        auto m = FieldMapping::fromJson(json);
        if (!m)
            continue;
        m->name = name;
        out.push_back(std::move(*m));
    }
    return out;
}

Status MappingStore::save(Database &db, const FieldMapping &mapping, const QString &actor)
{
    const QString name = mapping.name.trimmed();
    if (name.isEmpty())
        return makeError(QStringLiteral("a saved mapping needs a name"), ErrorCode::Usage);
    const QString problem = mapping.problem();
    if (!problem.isEmpty())
        return makeError(QStringLiteral("mapping: %1").arg(problem), ErrorCode::Usage);
    Transaction tx(db);
    const std::string json = mapping.toJson();
    if (auto s = SettingsStore::put(db, kPrefix + name, json); !s)
        return s;
    auto audit = AuditLog::append(
            db, actor, QStringLiteral("mapping.save"),
            {{"name", name.toStdString()}, {"mapping", nlohmann::json::parse(json)}});
    if (!audit)
        return audit.error();
    return tx.commit();
}

} // namespace netcase
