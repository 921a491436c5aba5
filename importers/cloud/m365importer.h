#pragma once

#include "api/importer.h"

namespace netcase {

/// Microsoft 365 unified audit log records as JSON (JSON lines, an array, or the Management
/// Activity API's content blobs) (format name "m365").
class M365Importer final : public Importer
{
public:
    QString name() const override { return QStringLiteral("m365"); }
    QString label() const override
    {
        return QStringLiteral("Microsoft 365 unified audit log (JSON)");
    }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

/// The audit log search export (Purview portal or Search-UnifiedAuditLog | Export-Csv): CSV
/// with an AuditData column holding each record's JSON (format name "m365-csv").
class M365CsvImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("m365-csv"); }
    QString label() const override
    {
        return QStringLiteral("Microsoft 365 unified audit log (CSV export)");
    }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
