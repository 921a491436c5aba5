#pragma once

#include "api/importer.h"

namespace netcase {

/// Okta System Log (LogEvent objects), as a JSON array, JSON lines or the API's pages
/// (format name "okta").
class OktaImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("okta"); }
    QString label() const override { return QStringLiteral("Okta System Log (JSON)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
