#pragma once

#include "api/importer.h"

namespace netcase {

/// Windows event logs as JSON: Winlogbeat / Elastic Agent NDJSON (winlog.event_id,
/// winlog.event_data.*) and Get-WinEvent | ConvertTo-Json exports (Id, TimeCreated,
/// Properties[i].Value). The Security log's logon events become authentication events
/// (format name "windows-json").
class WinJsonImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("windows-json"); }
    QString label() const override
    {
        return QStringLiteral("Windows Security logons (Winlogbeat NDJSON, Get-WinEvent JSON)");
    }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
