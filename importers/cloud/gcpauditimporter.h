#pragma once

#include "api/importer.h"

namespace netcase {

/// Google Cloud audit logs: Cloud Logging LogEntry objects whose protoPayload is an AuditLog,
/// as exported by `gcloud logging read --format=json` or a sink (JSON lines or an array),
/// including Google Workspace login events routed to Cloud Logging (format name "gcp-audit").
class GcpAuditImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("gcp-audit"); }
    QString label() const override { return QStringLiteral("Google Cloud audit logs (JSON)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

/// Azure activity log: the export to storage or an event hub ({time, resourceId,
/// operationName, category, resultType, callerIpAddress, ...}) and the REST API's events
/// ({eventTimestamp, operationName: {value}, status: {value}, caller, httpRequest}) (format
/// name "azure-activity").
class AzureActivityImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("azure-activity"); }
    QString label() const override { return QStringLiteral("Azure activity log (JSON)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
