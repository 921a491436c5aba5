#include "mappingstore.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"

#include <nlohmann/json.hpp>

namespace netcase {

namespace {
constexpr std::string_view kPrefix = "mapping:";
}

std::vector<FieldMapping> MappingStore::list(const Database &db)
{
    std::vector<FieldMapping> out;
    Statement st = db.prepare("SELECT key, value FROM settings WHERE key >= 'mapping:' AND key < "
                              "'mapping;' ORDER BY key");
    while (st.valid() && st.step()) {
        auto m = FieldMapping::fromJson(std::string(st.textView(1)));
        if (!m)
            continue;
        m->name = st.text(0).mid(int(kPrefix.size()));
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
    Statement st = db.prepare("INSERT INTO settings(key, value) VALUES(?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, QString::fromUtf8(kPrefix.data(), int(kPrefix.size())) + name).bind(2, json);
    if (auto s = st.exec(); !s)
        return s;
    auto audit = AuditLog::append(
            db, actor, QStringLiteral("mapping.save"),
            {{"name", name.toStdString()}, {"mapping", nlohmann::json::parse(json)}});
    if (!audit)
        return audit.error();
    return tx.commit();
}

} // namespace netcase
