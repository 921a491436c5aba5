#pragma once

#include "api/importer.h"

namespace netcase {

/// AWS VPC Flow Logs, versions 2 to 5, in the default or a custom field order, as written to
/// S3 or exported from CloudWatch with their header line ("version account-id interface-id
/// srcaddr dstaddr ...") (format name "vpcflow").
class VpcFlowImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("vpcflow"); }
    QString label() const override { return QStringLiteral("AWS VPC Flow Logs (v2-v5)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
