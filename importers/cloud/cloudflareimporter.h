#pragma once

#include "api/importer.h"

namespace netcase {

/// Cloudflare logs as Logpush / Logpull write them (JSON lines; format name "cloudflare"): the
/// http_requests and firewall_events datasets (ClientIP, ClientRequestHost, EdgeStartTimestamp,
/// RayID, ...), dns_logs, and the account-scoped gateway_dns, gateway_http, access_requests and
/// audit_logs, whose addresses, accounts and names go to the event's ECS fields.
class CloudflareImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("cloudflare"); }
    QString label() const override { return QStringLiteral("Cloudflare logs (Logpush JSON)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
