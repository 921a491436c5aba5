#pragma once

#include "api/importer.h"

namespace netcase {

/// Amazon CloudFront standard (access) logs: tab-separated W3C lines under "#Version" and
/// "#Fields:" headers; the field list drives the mapping (format name "cloudfront").
class CloudFrontImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("cloudfront"); }
    QString label() const override { return QStringLiteral("Amazon CloudFront standard log"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
