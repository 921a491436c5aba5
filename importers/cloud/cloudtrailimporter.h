#pragma once

#include "api/importer.h"

namespace netcase {

/// AWS CloudTrail records: {"Records": [...]} files as S3 delivers them, a bare array or JSON
/// lines (format name "cloudtrail"). Gzip is unwrapped by the input layer.
class CloudTrailImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("cloudtrail"); }
    QString label() const override { return QStringLiteral("AWS CloudTrail (JSON)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
