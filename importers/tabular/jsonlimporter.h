#pragma once

#include "api/importer.h"

namespace netcase {

/// Any JSON lines (or JSON array) file read through a field mapping whose sources are paths
/// such as "net.src" or "tags[0]", or through a mapping guessed from the first record (format
/// name "jsonl").
class JsonlImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("jsonl"); }
    QString label() const override { return QStringLiteral("JSON lines with a field mapping"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
