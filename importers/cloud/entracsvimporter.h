#pragma once

#include "api/importer.h"

namespace netcase {

/// The CSV that the Entra admin center's sign-in logs "Download" button writes (columns "Date
/// (UTC)", "Request ID", "User", "Username", "IP address", "Status", ...) (format "entra-csv").
class EntraCsvImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("entra-csv"); }
    QString label() const override { return QStringLiteral("Microsoft Entra ID sign-ins (CSV)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
