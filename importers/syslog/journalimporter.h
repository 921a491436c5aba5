#pragma once

#include "api/importer.h"

namespace netcase {

/// systemd journal exports made with `journalctl -o json` (one object per line). Messages go
/// through the same SSH/PAM/sudo recognition as syslog. Format name "journal".
class JournalImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("journal"); }
    QString label() const override
    {
        return QStringLiteral("systemd journal (journalctl -o json)");
    }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
