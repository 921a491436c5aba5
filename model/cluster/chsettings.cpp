#include "chsettings.h"

#include "audit/auditlog.h"
#include "case/settingsstore.h"
#include "case/sqlite.h"
#include "cluster/chkeyring.h"

#include <nlohmann/json.hpp>

namespace netcase::cluster {

namespace {

const QString kKey = QStringLiteral("cluster.connection");

QString member(const nlohmann::json &j, const char *name)
{
    const auto it = j.find(name);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

} // namespace

std::optional<ChSettings> loadSettings(const Database &db)
{
    const auto text = SettingsStore::get(db, kKey);
    if (!text)
        return std::nullopt;
    const nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    ChSettings s{member(j, "url"), member(j, "password_file"), member(j, "keyring"),
                 member(j, "ca_file")};
    if (s.url.isEmpty())
        return std::nullopt;
    return s;
}

Status saveSettings(Database &db, const ChSettings &s, const QString &actor)
{
    auto c = parseClickHouseUrl(s.url.trimmed());
    if (!c)
        return c.error();
    if (!s.caFile.trimmed().isEmpty() && !c->secure)
        return makeError(QStringLiteral("a CA file is for HTTPS: add ?secure=1 to the URL"),
                         ErrorCode::Usage);
    if (!s.passwordFile.isEmpty() && !s.keyring.isEmpty())
        return makeError(QStringLiteral("a password file or a keyring entry, not both"),
                         ErrorCode::Usage);
    const nlohmann::json j{{"url", s.url.trimmed().toStdString()},
                           {"password_file", s.passwordFile.trimmed().toStdString()},
                           {"keyring", s.keyring.trimmed().toStdString()},
                           {"ca_file", s.caFile.trimmed().toStdString()}};
    Transaction tx(db);
    if (Status st = SettingsStore::put(db, kKey, j.dump()); !st)
        return st;
    // The record says that the settings changed, not what they are (the settings section's
    // digest, added by append, covers the values).
    auto audit = AuditLog::append(db, actor, QStringLiteral("cluster.settings"),
                                  nlohmann::json::object());
    if (!audit)
        return audit.error();
    return tx.commit();
}

Result<ChConnection> connectionFrom(const ChSettings &s)
{
    auto c = parseClickHouseUrl(s.url.trimmed());
    if (!c)
        return c.error();
    if (!s.passwordFile.isEmpty()) {
        auto pw = readPasswordFile(s.passwordFile);
        if (!pw)
            return pw.error();
        c->password = *pw;
    } else if (!s.keyring.isEmpty()) {
        auto pw = readKeyringPassword(s.keyring);
        if (!pw)
            return pw.error();
        c->password = *pw;
    }
    c->caFile = s.caFile;
    return c;
}

} // namespace netcase::cluster
