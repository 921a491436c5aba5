#pragma once

#include "api/importer.h"

namespace netcase {

/// Zeek logs in Zeek's own TSV format: "#separator", "#fields", "#types" header lines, "-" for
/// unset and "(empty)" for empty values, "#close" footer; several logs may follow one another
/// in a file (each with its header). Format name "zeek".
class ZeekTsvImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("zeek"); }
    QString label() const override { return QStringLiteral("Zeek log (TSV)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
