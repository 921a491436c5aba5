#pragma once

#include "api/importer.h"

namespace netcase {

/// Any delimited text file (RFC 4180 CSV; , ; tab | detected) read through a field mapping
/// (ImportOptions::mapping), or through a mapping guessed from the header (format name "csv").
class CsvImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("csv"); }
    QString label() const override { return QStringLiteral("CSV with a field mapping"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
