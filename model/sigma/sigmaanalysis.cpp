#include "sigmaanalysis.h"

#include "sigmaload.h"
#include "sigmarun.h"

#include "audit/auditlog.h"
#include "case/settingsstore.h"
#include "case/sqlite.h"

#include <QDir>

namespace netcase::sigma {

namespace {
const QString kKey = QStringLiteral("sigma.folders");
}

QStringList storedFolders(const Database &db)
{
    QStringList out;
    const auto text = SettingsStore::get(db, kKey);
    if (!text)
        return out;
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_array())
        return out;
    for (const auto &v : j)
        if (v.is_string())
            out << QString::fromStdString(v.get<std::string>());
    return out;
}

Status storeFolders(Database &db, const QStringList &folders, const QString &actor)
{
    nlohmann::json list = nlohmann::json::array();
    for (const QString &f : folders)
        list.push_back(QDir(f).absolutePath().toStdString());
    Transaction txn(db);
    if (!txn.active())
        return makeError(QStringLiteral("cannot write to the case: %1").arg(db.lastError()),
                         ErrorCode::Locked);
    if (auto s = SettingsStore::put(db, kKey, list.dump()); !s)
        return s;
    if (auto s = AuditLog::append(db, actor, kKey, {{"folders", list}}); !s)
        return s;
    return txn.commit();
}

ExtraDetection storedDetection(const Database &db)
{
    const QStringList folders = storedFolders(db);
    if (folders.isEmpty())
        return {};
    return detection(std::make_shared<const RuleSet>(loadFolders(folders)), folders);
}

ExtraDetection detection(std::shared_ptr<const RuleSet> set, const QStringList &folders)
{
    nlohmann::json names = nlohmann::json::array();
    for (const QString &f : folders)
        names.push_back(QDir(f).absolutePath().toStdString());
    return [set, names](const Database &db,
                        const std::atomic<bool> *cancel) -> Result<ExtraFindings> {
        auto run = evaluate(db, *set, cancel);
        if (!run)
            return run.error();
        ExtraFindings out;
        out.name = "sigma";
        out.findings = std::move(run->findings);
        out.audit = run->audit;
        out.audit["folders"] = names;
        return out;
    };
}

} // namespace netcase::sigma
