#pragma once

#include "api/importer.h"

namespace netcase {

/// Google Workspace Reports API activities (activities.list JSON: {"kind":
/// "admin#reports#activities", "items": [...]}, or one activity per line), the login audit in
/// particular (format name "google-workspace"). One event per entry of an activity's events[].
class WorkspaceImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("google-workspace"); }
    QString label() const override
    {
        return QStringLiteral("Google Workspace Reports API activities (JSON)");
    }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
