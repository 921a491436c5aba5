#pragma once

#include "api/importer.h"

namespace netcase {

/// Syslog files (RFC 3164 with or without <PRI>, RFC 3339-stamped rsyslog output, RFC 5424),
/// such as /var/log/auth.log and /var/log/secure. Format name "syslog".
class SyslogImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("syslog"); }
    QString label() const override { return QStringLiteral("Syslog (SSH, PAM, sudo)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
