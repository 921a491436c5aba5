#pragma once

#include "api/importer.h"

namespace netcase {

/// Apache/Nginx access logs: common, combined, vhost_combined (format name "apache").
class AccessLogImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("apache"); }
    QString label() const override { return QStringLiteral("Apache/Nginx access log"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
