#pragma once

#include "api/importer.h"

namespace netcase {

/// Microsoft Entra ID sign-in logs in JSON: Microsoft Graph signIn objects (a {"value": [...]}
/// page, an array or JSON lines) and the Azure Monitor diagnostic export ({time, category:
/// "SignInLogs", callerIpAddress, properties: {...}}) (format name "entra").
class EntraImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("entra"); }
    QString label() const override { return QStringLiteral("Microsoft Entra ID sign-ins (JSON)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
