#pragma once

#include "api/importer.h"

namespace netcase {

/// Apache (2.2 and 2.4) and Nginx error logs (format name "web-error"): one event per line,
/// the client address as source.ip, the level in labels, failure for error and worse.
class ErrorLogImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("web-error"); }
    QString label() const override { return QStringLiteral("Apache / Nginx error log"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
