#pragma once

#include "api/importer.h"

namespace netcase {

/// AWS Application Load Balancer access logs as delivered to S3 ("type time elb client:port
/// target:port ... \"request\" \"user_agent\" ..."), and the older Classic Load Balancer lines
/// that start with the time (format name "aws-alb").
class AlbImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("aws-alb"); }
    QString label() const override
    {
        return QStringLiteral("AWS Application/Classic Load Balancer access log");
    }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
