#pragma once

#include "api/importer.h"

namespace netcase {

/// Cloudflare HTTP request logs as Logpush / Logpull write them: JSON lines with ClientIP,
/// ClientRequestHost, EdgeStartTimestamp, RayID, ... (format name "cloudflare").
class CloudflareImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("cloudflare"); }
    QString label() const override
    {
        return QStringLiteral("Cloudflare HTTP requests (Logpush JSON)");
    }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
