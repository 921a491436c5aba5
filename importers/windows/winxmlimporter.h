#pragma once

#include "api/importer.h"

namespace netcase {

/// Windows events as XML text: `wevtutil qe Security /f:xml` (events one after another, with or
/// without an <Events> root), Get-WinEvent's ToXml() and the XML of .evtx records (format name
/// "windows-xml"). The logon events map as for windows-json (windows/winlogon.h).
class WinXmlImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("windows-xml"); }
    QString label() const override { return QStringLiteral("Windows events (XML)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
