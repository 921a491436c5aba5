#pragma once

#include "api/importer.h"

#include <string_view>

namespace netcase {

/// The 40 fields of a CloudFront real-time log record in the order the CloudFront developer
/// guide lists them ("Real-time logs", "Fields"): a record holds the fields its configuration
/// selected, always in this order.
std::string_view cloudFrontRealtimeFields();

/// Amazon CloudFront real-time logs as a Kinesis consumer or Firehose writes them to files: one
/// record per line, tab-separated, no header (format name "cloudfront-realtime"). The fields are
/// the configuration's: given with --mapping as the configuration itself (the JSON of `aws
/// cloudfront get-realtime-log-config`, its "Fields" list) or as a list of names ("timestamp
/// c-ip sc-status ..."); without one, every documented field (the console's default).
class CloudFrontRealtimeImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("cloudfront-realtime"); }
    QString label() const override { return QStringLiteral("Amazon CloudFront real-time log"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
